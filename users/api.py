from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.response import Response
from rest_framework.views import APIView

from core import api_fields as text
from core.validators import validate_one_line
from users.forms import REMINDER_OFFSET_CHOICES
from users.services import user_update_profile
from users.validators import available_time_zones


class TokenObtainApi(ObtainAuthToken):
    """POST e-mail (as `username`) and password; answers a token for scripts.

    Failed attempts count towards the same lockout as the login page."""

    def get_serializer_context(self):
        # django-axes marks a lockout on the Django request, which its middleware reads;
        # DRF's wrapper would keep the mark to itself.
        return {**super().get_serializer_context(), "request": self.request._request}


class MeApi(APIView):
    class OutputSerializer(serializers.Serializer):
        email = text.EmailField()
        display_name = text.CharField()
        time_zone = text.CharField()
        reminder_offsets = serializers.ListField(child=serializers.IntegerField())

    class InputSerializer(serializers.Serializer):
        display_name = text.CharField(
            max_length=80, allow_blank=True, validators=[validate_one_line]
        )
        time_zone = serializers.ChoiceField(
            choices=sorted(available_time_zones()),
            error_messages={
                "invalid_choice": "“{input}” is not a time zone we know, "
                "such as Europe/Berlin."
            },
        )
        reminder_offsets = serializers.ListField(
            child=serializers.ChoiceField(
                choices=[minutes for minutes, _ in REMINDER_OFFSET_CHOICES]
            ),
            max_length=6,
        )

    @extend_schema(responses=OutputSerializer)
    def get(self, request):
        return Response(self.OutputSerializer(request.user).data)

    @extend_schema(request=InputSerializer, responses=OutputSerializer)
    def put(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = user_update_profile(user=request.user, **serializer.validated_data)
        return Response(self.OutputSerializer(user).data)
