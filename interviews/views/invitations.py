"""The page an invitation link opens: sign in or up first, then accept."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from core.errors import ApplicationError
from interviews.selectors.sessions import invitation_for_token
from interviews.services.invitations import invitation_accept


@login_required
def invitation_detail(request, token: str):
    invitation, problem = invitation_for_token(token=token, user=request.user)
    if request.method == "POST" and problem is None:
        try:
            session = invitation_accept(token=token, user=request.user)
        except ApplicationError as error:
            problem = error.message
        else:
            messages.success(request, "You are in. See you in the room!")
            return redirect("session-detail", pk=session.pk)
    context = {"invitation": invitation, "problem": problem}
    return render(
        request, "interviews/invitation.html", context, status=400 if problem else 200
    )
