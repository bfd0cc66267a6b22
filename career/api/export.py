from drf_spectacular.utils import OpenApiTypes, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from career.selectors.export import career_export_for_user


class CareerExportApi(APIView):
    """Everything of my career prep: stories, brag entries, real interviews."""

    @extend_schema(responses=OpenApiTypes.OBJECT, summary="Export my career prep")
    def get(self, request):
        response = Response(career_export_for_user(user=request.user))
        response["Cache-Control"] = "private, no-store"
        return response
