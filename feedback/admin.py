"""Rubrics are edited here. A rubric that feedback was written on is read-only: copy
it as a new version, edit the copy, and new scorecards use it while the old ones
keep theirs. Scorecards and self-assessments are not here on purpose: they are
between the two people of a round."""

from django.contrib import admin, messages

from feedback.models import Criterion, Rubric
from feedback.services.rubrics import rubric_in_use, rubric_new_version


class CriterionInline(admin.StackedInline):
    model = Criterion
    extra = 0
    fields = ("order", "key", "title", "level_1", "level_2", "level_3", "level_4")

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (
            obj and rubric_in_use(obj)
        )

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not (
            obj and rubric_in_use(obj)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (
            obj and rubric_in_use(obj)
        )


@admin.register(Rubric)
class RubricAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "version", "in_use", "created_at")
    list_filter = ("kind",)
    inlines = [CriterionInline]
    actions = ["copy_as_new_version"]

    @admin.display(boolean=True, description="Feedback written on it")
    def in_use(self, obj: Rubric) -> bool:
        return rubric_in_use(obj)

    def get_readonly_fields(self, request, obj=None):
        if obj and rubric_in_use(obj):
            return ("kind", "version", "title")
        return ("version",) if obj else ()

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (
            obj and rubric_in_use(obj)
        )

    @admin.action(description="Copy as a new version (to edit)")
    def copy_as_new_version(self, request, queryset):
        for rubric in queryset:
            copy = rubric_new_version(rubric=rubric)
            self.message_user(
                request,
                f"{copy} is ready to edit; new {rubric.kind} feedback uses it.",
                messages.SUCCESS,
            )
