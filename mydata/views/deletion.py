"""Deleting one's account: a page that says what goes and what stays, and asks for
the password again."""

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from core.errors import ApplicationError
from mydata.services.deletion import account_delete


class DeletionForm(forms.Form):
    password = forms.CharField(
        label="Your password", strip=False, widget=forms.PasswordInput, max_length=4096
    )


@login_required
def account_delete_view(request):
    form = DeletionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account_delete(user=request.user, password=form.cleaned_data["password"])
        except ApplicationError as error:
            form.add_error("password", error.message)
        else:
            logout(request)
            messages.success(
                request,
                "Your account and your personal data are deleted. Thank you for "
                "practising with Mockloop.",
            )
            return redirect("home")
    return render(request, "mydata/delete.html", {"form": form})
