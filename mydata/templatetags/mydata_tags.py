"""What a person's own data shows on the profile page (users'), which includes
templates/mydata/profile_section.html: users never imports mydata."""

from django import template

from mydata.selectors.exports import export_latest_for_user, export_message

register = template.Library()


@register.simple_tag
def export_latest(user):
    """The newest export worth showing, with its line of progress; None if none."""
    export = export_latest_for_user(user=user)
    if export is not None:
        export.message = export_message(export)
    return export
