"""Full-text search on PostgreSQL: a generated tsvector column with a GIN index.

SQLite has no tsvector; there, search falls back to substring matches
(questions.selectors), so this migration does nothing on other databases.
"""

from django.db import migrations

SEARCH_VECTOR_SQL = """
ALTER TABLE questions_question ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(topic_names, '')), 'B')
        || setweight(to_tsvector('english', coalesce(statement, '')), 'C')
    ) STORED;
CREATE INDEX questions_question_search_vector_gin
    ON questions_question USING gin (search_vector);
"""

DROP_SQL = """
DROP INDEX IF EXISTS questions_question_search_vector_gin;
ALTER TABLE questions_question DROP COLUMN IF EXISTS search_vector;
"""


def add_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SEARCH_VECTOR_SQL)


def drop_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL)


class Migration(migrations.Migration):
    dependencies = [("questions", "0001_initial")]

    operations = [migrations.RunPython(add_search_vector, drop_search_vector)]
