"""Where each format's data comes from, and under which licence it may be shown."""

from dataclasses import dataclass

from django.utils.text import slugify

from questions.models import Source

NO_LICENCE = (
    "No licence stated: imported from the instance admin's own copy; do not share"
)


@dataclass(frozen=True)
class SourceSpec:
    slug: str
    name: str
    url: str = ""
    license: str = ""


HXU296 = SourceSpec(
    slug="hxu296-leetcode-company-wise-problems-2022",
    name="LeetCode company-wise problems, May 2022 (hxu296)",
    url="https://github.com/hxu296/leetcode-company-wise-problems-2022",
    license="MIT (c) 2022 Huan Xu",
)
NEETCODE = SourceSpec(
    slug="neetcode-gh-leetcode",
    name="NeetCode roadmap (neetcode-gh/leetcode)",
    url="https://github.com/neetcode-gh/leetcode",
    license="MIT (c) 2022 neetcode-gh",
)
GRIND75 = SourceSpec(
    slug="tech-interview-handbook-grind-75",
    name="Grind 75 (Tech Interview Handbook)",
    url="https://github.com/yangshun/tech-interview-handbook",
    license="MIT (c) 2017-present Yangshun Tay",
)
# Sources whose lists give no difficulty: the questions they create are unrated, and a
# list that knows difficulties takes them over.
WITHOUT_DIFFICULTY = {HXU296.slug}

# The richest community lists carry no licence: a user imports a local copy, and the
# source says so wherever its tags are shown.
FIVE_WINDOW = SourceSpec(
    slug="local-company-lists-window-folders",
    name="Company lists, per-company window folders (local copy)",
    license=NO_LICENCE,
)
SLUG_FOLDERS = SourceSpec(
    slug="local-company-lists-slug-folders",
    name="Company lists, per-company slug folders (local copy)",
    license=NO_LICENCE,
)
FLAT_FILES = SourceSpec(
    slug="local-company-lists-flat-files",
    name="Company lists, flat files (local copy)",
    license=NO_LICENCE,
)


def bank_source(value: dict | None) -> SourceSpec | None:
    if not value:
        return None
    return SourceSpec(
        # Exports carry the slug when it is not the name's, so a round trip keeps it.
        slug=value.get("slug") or slugify(value["name"])[:100],
        name=value["name"],
        url=value.get("url") or "",
        license=value.get("license") or "",
    )


def source_ensure(spec: SourceSpec | None, counts) -> Source | None:
    """The Source row for spec, created or brought up to date; counts what changed."""
    if spec is None:
        return None
    wanted = {"name": spec.name, "url": spec.url, "license": spec.license}
    source = Source.objects.filter(slug=spec.slug).first()
    if source is None:
        counts.created["sources"] += 1
        return Source.objects.create(slug=spec.slug, **wanted)
    changed = [key for key, value in wanted.items() if getattr(source, key) != value]
    if changed:
        for key in changed:
            setattr(source, key, wanted[key])
        source.save(update_fields=changed)
        counts.updated["sources"] += 1
    return source
