"""One table of company names: lists spell the same company several ways."""

import functools
from pathlib import Path

import yaml
from django.utils.text import slugify

from questions.models import Company, Source

BANK_COMPANIES = Path(__file__).resolve().parent.parent / "bank" / "companies.yaml"

# Renamed companies and spellings the community lists use. The starter bank's
# companies.yaml adds its aliases to these (see alias_table).
RENAMED = {
    "Facebook": "Meta",
    "Twitter": "X",
    "JPMorgan": "JP Morgan",
}


@functools.cache
def alias_table() -> dict[str, str]:
    """slugify(other name) -> canonical name."""
    table = {slugify(alias): name for alias, name in RENAMED.items()}
    document = yaml.safe_load(BANK_COMPANIES.read_text(encoding="utf-8"))
    for company in document.get("companies") or []:
        for alias in company.get("aliases") or []:
            table[slugify(alias)] = company["name"]
    return table


def canonical_name(name: str, *, from_slug: bool = False) -> str:
    name = " ".join(name.split())
    canonical = alias_table().get(slugify(name))
    if canonical:
        return canonical
    if from_slug:
        return " ".join(word.capitalize() for word in name.replace("_", "-").split("-"))
    return name


class CompanyDirectory:
    """Finds a company by any of its names, creating it the first time it appears."""

    def __init__(self, report=None) -> None:
        self.by_key: dict[str, Company] = {}
        self.report = report
        for company in Company.objects.all():
            self.remember(company)

    def remember(self, company: Company) -> None:
        names = [company.slug, company.name, *company.aliases]
        for key in filter(None, (slugify(name) for name in names)):
            self.by_key.setdefault(key, company)

    def find(self, name: str, *, from_slug: bool = False) -> Company | None:
        canonical = canonical_name(name, from_slug=from_slug)
        for key in (slugify(canonical), slugify(name)):
            if key in self.by_key:
                return self.by_key[key]
        return None

    def resolve(
        self, name: str, *, source: Source | None, from_slug: bool = False
    ) -> Company | None:
        """None when the name cannot name a company (empty, or too long)."""
        company = self.find(name, from_slug=from_slug)
        if company:
            return company
        canonical = canonical_name(name, from_slug=from_slug)
        slug = slugify(canonical)
        if not slug or len(canonical) > 120 or len(slug) > 120:
            return None
        spelled = " ".join(name.split())
        company = Company.objects.create(
            name=canonical,
            slug=slug,
            aliases=[spelled] if spelled != canonical and not from_slug else [],
            source=source,
        )
        if self.report is not None:
            self.report.created["companies"] += 1
        self.remember(company)
        return company
