from django import template

from interviews.selectors.calendars import session_calendar_links

register = template.Library()


@register.inclusion_tag("interviews/includes/add_to_calendar.html")
def add_to_calendar(session):
    """{% add_to_calendar session %}: the .ics download, Google and Outlook links."""
    return {"session": session, "links": session_calendar_links(session=session)}
