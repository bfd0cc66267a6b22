"""PostgreSQL: each question's topic ids in its own row, for the topic filter.

Filtering by kind, difficulty and topics used to join the many-to-many table: an
exact count was a hash semi-join of every question of that kind and difficulty
against every row of the chosen topics, and a deep page sorted every match by title
(docs/benchmarks.md). With the ids in the row, and in the index on (kind,
difficulty, title, id) as an INCLUDE column, PostgreSQL answers the count and any
page from that index alone, in title order, checking `topic_ids && '{...}'` on
each entry.

The column is not a model field (SQLite has no arrays; there the filter keeps the
join, as questions.selectors does). Statement-level triggers on the many-to-many
table keep it exact whatever writes the topics: the admin, an import, a test
factory or plain SQL. The index keeps its name and key columns, so the ORM's view
of it stays true; only the INCLUDE is PostgreSQL's own.
"""

from django.db import migrations

FORWARD_SQL = """
-- No topic may be linked between filling the column and creating its triggers.
LOCK TABLE questions_question_topics IN SHARE ROW EXCLUSIVE MODE;

ALTER TABLE questions_question
    ADD COLUMN topic_ids bigint[] NOT NULL DEFAULT '{}';

UPDATE questions_question AS question
SET topic_ids = chosen.ids
FROM (
    SELECT question_id, array_agg(topic_id ORDER BY topic_id) AS ids
    FROM questions_question_topics
    GROUP BY question_id
) AS chosen
WHERE chosen.question_id = question.id;

-- Two transactions changing one question's topics at once: the second waits for the
-- first's row lock, and its UPDATE, a statement of its own, then reads the links with
-- a snapshot that holds the first's. (An UPDATE alone would recompute the ids from
-- the snapshot it started with, and lose the other's topics.) The lock is the one
-- the UPDATE takes anyway, taken first and in id order; it lets foreign-key checks
-- (FOR KEY SHARE) through.
CREATE FUNCTION questions_topic_ids_refresh(question_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM questions_question
    WHERE id = ANY(question_ids) ORDER BY id FOR NO KEY UPDATE;
    UPDATE questions_question AS question
    SET topic_ids = coalesce(
        (SELECT array_agg(link.topic_id ORDER BY link.topic_id)
         FROM questions_question_topics AS link
         WHERE link.question_id = question.id),
        '{}')
    WHERE question.id = ANY(question_ids);
END
$$;

CREATE FUNCTION questions_topic_ids_after_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM questions_topic_ids_refresh(
            ARRAY(SELECT DISTINCT question_id FROM added));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM questions_topic_ids_refresh(
            ARRAY(SELECT DISTINCT question_id FROM removed));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM questions_topic_ids_refresh(ARRAY(
            SELECT question_id FROM added
            UNION SELECT question_id FROM removed));
    ELSE
        UPDATE questions_question SET topic_ids = '{}' WHERE topic_ids <> '{}';
    END IF;
    RETURN NULL;
END
$$;

-- A trigger with transition tables serves one event, hence four.
CREATE TRIGGER questions_topic_ids_after_insert
    AFTER INSERT ON questions_question_topics
    REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION questions_topic_ids_after_change();
CREATE TRIGGER questions_topic_ids_after_delete
    AFTER DELETE ON questions_question_topics
    REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION questions_topic_ids_after_change();
CREATE TRIGGER questions_topic_ids_after_update
    AFTER UPDATE ON questions_question_topics
    REFERENCING OLD TABLE AS removed NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION questions_topic_ids_after_change();
CREATE TRIGGER questions_topic_ids_after_truncate
    AFTER TRUNCATE ON questions_question_topics
    FOR EACH STATEMENT EXECUTE FUNCTION questions_topic_ids_after_change();

DROP INDEX question_kind_diff_title_id;
CREATE INDEX question_kind_diff_title_id
    ON questions_question (kind, difficulty, title, id) INCLUDE (topic_ids);
"""

BACKWARD_SQL = """
DROP INDEX question_kind_diff_title_id;
CREATE INDEX question_kind_diff_title_id
    ON questions_question (kind, difficulty, title, id);
DROP TRIGGER questions_topic_ids_after_insert ON questions_question_topics;
DROP TRIGGER questions_topic_ids_after_delete ON questions_question_topics;
DROP TRIGGER questions_topic_ids_after_update ON questions_question_topics;
DROP TRIGGER questions_topic_ids_after_truncate ON questions_question_topics;
DROP FUNCTION questions_topic_ids_after_change();
DROP FUNCTION questions_topic_ids_refresh(bigint[]);
ALTER TABLE questions_question DROP COLUMN topic_ids;
"""


def add_topic_ids(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD_SQL)


def drop_topic_ids(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD_SQL)


class Migration(migrations.Migration):
    dependencies = [("questions", "0004_question_slug_not_a_page")]

    operations = [migrations.RunPython(add_topic_ids, drop_topic_ids)]
