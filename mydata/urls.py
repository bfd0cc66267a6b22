from django.urls import path

from mydata.views import deletion

urlpatterns = [
    path("delete/", deletion.account_delete_view, name="account-delete"),
]
