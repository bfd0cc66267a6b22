"""The admin of the question bank: curating questions, companies, topics and lists,
and the "Import questions" page (upload, progress bar, report)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from core.errors import ApplicationError
from questions.importers.report import report_lines
from questions.importers.runs import import_run_progress, import_run_start
from questions.models import (
    AskedReport,
    Attempt,
    Company,
    CompanyTag,
    ImportRun,
    Progress,
    Question,
    QuestionList,
    QuestionListItem,
    Source,
    Topic,
)
from questions.services.topics import topics_fold


@admin.display(description="source and licence")
def provenance(obj) -> str:
    source = obj.source
    if source is None:
        return "—"
    return f"{source.name} ({source.license})" if source.license else source.name


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "license", "url"]
    search_fields = ["name", "slug", "license"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "aliases", provenance]
    list_filter = ["source"]
    list_select_related = ["source"]
    search_fields = ["name", "slug", "aliases"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "aliases"]
    search_fields = ["name", "slug", "aliases"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # A new name or alias may name topics that imports created apart.
        merged = topics_fold()
        if merged:
            self.message_user(
                request, f"{merged} topic(s) of the same name were merged into one."
            )


class CompanyTagInline(admin.TabularInline):
    model = CompanyTag
    extra = 0
    autocomplete_fields = ["company"]
    fields = ["company", "window", "frequency", "last_seen_on", "is_sample", "source"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "kind", "difficulty", provenance, "updated_at"]
    list_filter = ["kind", "difficulty", "source", "topics"]
    list_select_related = ["source"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["topics"]
    raw_id_fields = ["author"]
    readonly_fields = ["topic_names", "last_asked_on", "created_at", "updated_at"]
    inlines = [CompanyTagInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Search reads topic names from the question's own row.
        form.instance.sync_topic_names()


@admin.register(CompanyTag)
class CompanyTagAdmin(admin.ModelAdmin):
    list_display = ["question", "company", "window", "frequency", "is_sample"]
    list_display += [provenance]
    list_filter = ["window", "is_sample", "source", "company"]
    list_select_related = ["question", "company", "source"]
    search_fields = ["question__title", "question__slug", "company__name"]
    autocomplete_fields = ["question", "company"]


@admin.register(AskedReport)
class AskedReportAdmin(admin.ModelAdmin):
    list_display = ["question", "company", "asked_on", "round_kind", "level"]
    list_display += ["reporter"]
    list_filter = ["round_kind", "company"]
    list_select_related = ["question", "company", "reporter"]
    search_fields = ["question__title", "company__name", "reporter__email"]
    autocomplete_fields = ["question", "company"]
    raw_id_fields = ["reporter"]
    date_hierarchy = "asked_on"


class QuestionListItemInline(admin.TabularInline):
    model = QuestionListItem
    extra = 0
    autocomplete_fields = ["question"]
    fields = ["position", "question", "section"]


class CuratedFilter(admin.SimpleListFilter):
    title = "kind of list"
    parameter_name = "curated"

    def lookups(self, request, model_admin):
        return [("yes", "Curated (no owner)"), ("no", "Personal")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(owner__isnull=self.value() == "yes")
        return queryset


@admin.register(QuestionList)
class QuestionListAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "owner", provenance, "created_at"]
    list_filter = [CuratedFilter, "source"]
    list_select_related = ["owner", "source"]
    search_fields = ["name", "slug", "owner__email"]
    raw_id_fields = ["owner"]
    inlines = [QuestionListItemInline]


@admin.register(Progress)
class ProgressAdmin(admin.ModelAdmin):
    list_display = ["user", "question", "status", "marked_for_review", "due_at"]
    list_filter = ["status", "marked_for_review"]
    list_select_related = ["user", "question"]
    search_fields = ["user__email", "question__title"]
    raw_id_fields = ["user", "question"]


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    list_display = ["progress", "outcome", "rating", "minutes_planning"]
    list_display += ["minutes_coding", "created_at"]
    list_filter = ["outcome", "rating"]
    list_select_related = ["progress__user", "progress__question"]
    search_fields = ["progress__user__email", "progress__question__title"]
    raw_id_fields = ["progress"]


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        help_text="A .zip of a folder, or one .csv, .json, .yaml or .yml file."
    )


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["filename", "status", "processed_rows", "total_rows"]
    list_display += ["created_by", "created_at", "finished_at"]
    list_filter = ["status"]
    list_select_related = ["created_by"]
    search_fields = ["filename"]

    def has_add_permission(self, request):
        # Runs are made by the upload page, never typed in.
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("upload/", view(self.upload_view), name="questions_importrun_upload"),
            path(
                "<int:run_id>/progress/",
                view(self.progress_view),
                name="questions_importrun_progress",
            ),
            path(
                "<int:run_id>/status/",
                view(self.status_view),
                name="questions_importrun_status",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return redirect("admin:questions_importrun_progress", run_id=object_id)

    def _check(self, request) -> None:
        if not request.user.has_perm("questions.add_importrun"):
            raise PermissionDenied

    def upload_view(self, request):
        self._check(request)
        form = ImportUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                run = import_run_start(
                    upload=form.cleaned_data["file"], user=request.user
                )
            except ApplicationError as error:
                form.add_error("file", error.message)
            else:
                messages.info(request, f"Importing {run.filename}.")
                return redirect("admin:questions_importrun_progress", run_id=run.pk)
        context = {**self.admin_site.each_context(request), "form": form}
        context |= {"title": "Import questions", "opts": self.model._meta}
        return TemplateResponse(
            request, "admin/questions/importrun/upload.html", context
        )

    def progress_view(self, request, run_id: int):
        self._check(request)
        run = get_object_or_404(ImportRun, pk=run_id)
        context = {**self.admin_site.each_context(request), "run": run}
        context |= {
            "title": f"Import of {run.filename}",
            "opts": self.model._meta,
            "progress": import_run_progress(run=run),
            "report_lines": report_lines(run.report) if run.report else [],
            "status_url": reverse("admin:questions_importrun_status", args=[run.pk]),
        }
        return TemplateResponse(
            request, "admin/questions/importrun/progress.html", context
        )

    def status_view(self, request, run_id: int):
        self._check(request)
        run = get_object_or_404(ImportRun.objects.defer("report"), pk=run_id)
        return JsonResponse(import_run_progress(run=run))
