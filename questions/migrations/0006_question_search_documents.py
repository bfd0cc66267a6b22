"""PostgreSQL: search documents in a narrow table of their own.

Migration 0002 kept each question's tsvector in the question row. Ranking a search
by relevance reads the tsvector of every match, so a word found in a tenth of a
100,000-question bank made PostgreSQL visit about half of the wide question table's
pages (statement, hints and outline included): most of a search's time
(docs/benchmarks.md). Here each question's document, with the title that breaks ties
between equal ranks, lives in `questions_questionsearch`, which is about half the
size, and the question rows lose their tsvector.

Triggers on the question table keep the documents exact whatever writes the
questions (the admin, an import, a test or plain SQL): a new question gets its
document, a change to its title, statement or topic names rewrites it, and a
deleted or truncated question takes it along. SQLite has no tsvector; there,
search keeps matching words in the question's own columns (questions.selectors).
"""

from django.db import migrations

FORWARD_SQL = """
-- No question may change between copying the documents and creating the triggers.
LOCK TABLE questions_question IN SHARE ROW EXCLUSIVE MODE;

CREATE FUNCTION questions_search_document(title text, topic_names text, statement text)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('english', coalesce(title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(topic_names, '')), 'B')
        || setweight(to_tsvector('english', coalesce(statement, '')), 'C')
$$;

CREATE TABLE questions_questionsearch (
    question_id bigint PRIMARY KEY,
    title text NOT NULL,
    document tsvector NOT NULL
);
INSERT INTO questions_questionsearch (question_id, title, document)
SELECT id, title, questions_search_document(title, topic_names, statement)
FROM questions_question
ORDER BY id;
CREATE INDEX questions_questionsearch_document
    ON questions_questionsearch USING gin (document);

CREATE FUNCTION questions_questionsearch_write() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM questions_questionsearch WHERE question_id = OLD.id;
    ELSIF TG_OP = 'TRUNCATE' THEN
        TRUNCATE questions_questionsearch;
    ELSE
        INSERT INTO questions_questionsearch (question_id, title, document)
        VALUES (NEW.id, NEW.title,
                questions_search_document(NEW.title, NEW.topic_names, NEW.statement))
        ON CONFLICT (question_id) DO UPDATE
            SET title = EXCLUDED.title, document = EXCLUDED.document;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER questions_questionsearch_after_insert_or_delete
    AFTER INSERT OR DELETE ON questions_question
    FOR EACH ROW EXECUTE FUNCTION questions_questionsearch_write();
-- Django's save() writes every column: only a real change rewrites the document.
CREATE TRIGGER questions_questionsearch_after_update
    AFTER UPDATE OF title, statement, topic_names ON questions_question
    FOR EACH ROW
    WHEN (OLD.title IS DISTINCT FROM NEW.title
          OR OLD.statement IS DISTINCT FROM NEW.statement
          OR OLD.topic_names IS DISTINCT FROM NEW.topic_names)
    EXECUTE FUNCTION questions_questionsearch_write();
CREATE TRIGGER questions_questionsearch_after_truncate
    AFTER TRUNCATE ON questions_question
    FOR EACH STATEMENT EXECUTE FUNCTION questions_questionsearch_write();

DROP INDEX questions_question_search_vector_gin;
ALTER TABLE questions_question DROP COLUMN search_vector;
"""

BACKWARD_SQL = """
ALTER TABLE questions_question ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(topic_names, '')), 'B')
        || setweight(to_tsvector('english', coalesce(statement, '')), 'C')
    ) STORED;
CREATE INDEX questions_question_search_vector_gin
    ON questions_question USING gin (search_vector);
DROP TRIGGER questions_questionsearch_after_insert_or_delete ON questions_question;
DROP TRIGGER questions_questionsearch_after_update ON questions_question;
DROP TRIGGER questions_questionsearch_after_truncate ON questions_question;
DROP FUNCTION questions_questionsearch_write();
DROP TABLE questions_questionsearch;
DROP FUNCTION questions_search_document(text, text, text);
"""


def add_search_documents(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD_SQL)


def drop_search_documents(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD_SQL)


class Migration(migrations.Migration):
    dependencies = [("questions", "0005_question_topic_ids")]

    operations = [migrations.RunPython(add_search_documents, drop_search_documents)]
