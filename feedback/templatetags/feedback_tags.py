"""What feedback shows on other apps' pages: their templates load these tags, so
the apps below feedback never import it (docs/architecture.md)."""

from django import template

from feedback.selectors.loops import loop_debrief_link_for_session
from feedback.selectors.overview import feedback_rows_for

register = template.Library()


@register.inclusion_tag("feedback/includes/session_feedback.html")
def session_feedback(session, user):
    """A session's finished rounds of mine, with where each one's feedback stands."""
    return {
        "session": session,
        "feedback_rows": feedback_rows_for(user=user, session_id=session.pk),
        "debrief": loop_debrief_link_for_session(user=user, session_id=session.pk),
    }
