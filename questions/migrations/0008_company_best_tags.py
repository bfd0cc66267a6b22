"""PostgreSQL: each question's highest frequency at each company, across windows.

Choosing a company without a time window orders its questions by their highest tag
at that company, whatever the window. Grouping the company's tags by question on
every request took 90–150 ms for a large company on a bank of 1,000,000 tags
(docs/benchmarks.md). `questions_companybest` keeps that maximum per (company,
question), with an index in the list's order, so a page is an index read like the
one-company-one-window list.

Statement-level triggers on the tag table keep it exact whatever writes the tags.
They lock the table's own row of each (company, question) pair concerned, in order,
and recompute in a later statement: two transactions tagging one question at one
company at once never keep a stale maximum. Nothing else locks those rows, so the
triggers never meet the locks of foreign-key checks or of people's own writes, and
an update that changes no company, question or frequency (a report's last-seen
date) takes none. SQLite has no such table; there the list groups the tags
(selectors).
"""

from django.db import migrations

FORWARD_SQL = """
-- No tag may be written between filling the table and creating its triggers.
LOCK TABLE questions_companytag IN SHARE ROW EXCLUSIVE MODE;

CREATE TABLE questions_companybest (
    company_id bigint NOT NULL,
    question_id bigint NOT NULL,
    frequency double precision NOT NULL,
    PRIMARY KEY (company_id, question_id)
);
INSERT INTO questions_companybest (company_id, question_id, frequency)
SELECT company_id, question_id, max(frequency)
FROM questions_companytag
GROUP BY company_id, question_id;
CREATE INDEX questions_companybest_order
    ON questions_companybest (company_id, frequency DESC, question_id);

-- A row for every pair that has tags (a new pair gets its maximum as this
-- transaction sees it), then each row locked in order, then the maxima recomputed
-- by later statements, whose snapshot holds whatever the transactions that locked
-- them before committed; only a maximum that changed is rewritten. Row locks live
-- in the rows, so an import of any size holds them without filling PostgreSQL's
-- lock table, and nothing else locks these rows.
CREATE FUNCTION questions_companybest_refresh(
    company_ids bigint[], question_ids bigint[]
) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO questions_companybest (company_id, question_id, frequency)
    SELECT tag.company_id, tag.question_id, max(tag.frequency)
    FROM questions_companytag AS tag
    JOIN unnest(company_ids, question_ids) AS pair(company_id, question_id)
      ON tag.company_id = pair.company_id AND tag.question_id = pair.question_id
    GROUP BY tag.company_id, tag.question_id
    ORDER BY tag.company_id, tag.question_id
    ON CONFLICT DO NOTHING;
    PERFORM 1
    FROM questions_companybest AS best
    JOIN unnest(company_ids, question_ids) AS pair(company_id, question_id)
      ON best.company_id = pair.company_id AND best.question_id = pair.question_id
    ORDER BY best.company_id, best.question_id
    FOR UPDATE OF best;
    UPDATE questions_companybest AS best
    SET frequency = highest.frequency
    FROM (
        SELECT tag.company_id, tag.question_id, max(tag.frequency) AS frequency
        FROM questions_companytag AS tag
        JOIN unnest(company_ids, question_ids) AS pair(company_id, question_id)
          ON tag.company_id = pair.company_id
         AND tag.question_id = pair.question_id
        GROUP BY tag.company_id, tag.question_id
    ) AS highest
    WHERE best.company_id = highest.company_id
      AND best.question_id = highest.question_id
      AND best.frequency IS DISTINCT FROM highest.frequency;
    DELETE FROM questions_companybest AS best
    USING unnest(company_ids, question_ids) AS pair(company_id, question_id)
    WHERE best.company_id = pair.company_id
      AND best.question_id = pair.question_id
      AND NOT EXISTS (
          SELECT 1 FROM questions_companytag AS tag
          WHERE tag.company_id = best.company_id
            AND tag.question_id = best.question_id
      );
END
$$;

CREATE FUNCTION questions_companybest_after_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    company_ids bigint[];
    question_ids bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(company_id), array_agg(question_id)
        INTO company_ids, question_ids
        FROM (SELECT DISTINCT company_id, question_id FROM added) AS pairs;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(company_id), array_agg(question_id)
        INTO company_ids, question_ids
        FROM (SELECT DISTINCT company_id, question_id FROM removed) AS pairs;
    ELSIF TG_OP = 'UPDATE' THEN
        -- Only the tags whose company, question or frequency changed, before
        -- and after.
        WITH changed AS (
            SELECT was.company_id AS old_company, was.question_id AS old_question,
                   now_is.company_id AS new_company, now_is.question_id AS new_question
            FROM removed AS was JOIN added AS now_is ON now_is.id = was.id
            WHERE (was.company_id, was.question_id, was.frequency)
                  IS DISTINCT FROM
                  (now_is.company_id, now_is.question_id, now_is.frequency)
        )
        SELECT array_agg(company_id), array_agg(question_id)
        INTO company_ids, question_ids
        FROM (SELECT old_company AS company_id, old_question AS question_id
              FROM changed
              UNION SELECT new_company, new_question FROM changed) AS pairs;
    ELSE
        TRUNCATE questions_companybest;
        RETURN NULL;
    END IF;
    IF company_ids IS NOT NULL THEN
        PERFORM questions_companybest_refresh(company_ids, question_ids);
    END IF;
    RETURN NULL;
END
$$;

-- A trigger with transition tables serves one event, hence four.
CREATE TRIGGER questions_companybest_after_insert
    AFTER INSERT ON questions_companytag
    REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION questions_companybest_after_change();
CREATE TRIGGER questions_companybest_after_delete
    AFTER DELETE ON questions_companytag
    REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION questions_companybest_after_change();
CREATE TRIGGER questions_companybest_after_update
    AFTER UPDATE ON questions_companytag
    REFERENCING OLD TABLE AS removed NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION questions_companybest_after_change();
CREATE TRIGGER questions_companybest_after_truncate
    AFTER TRUNCATE ON questions_companytag
    FOR EACH STATEMENT EXECUTE FUNCTION questions_companybest_after_change();
"""

BACKWARD_SQL = """
DROP TRIGGER questions_companybest_after_insert ON questions_companytag;
DROP TRIGGER questions_companybest_after_delete ON questions_companytag;
DROP TRIGGER questions_companybest_after_update ON questions_companytag;
DROP TRIGGER questions_companybest_after_truncate ON questions_companytag;
DROP FUNCTION questions_companybest_after_change();
DROP FUNCTION questions_companybest_refresh(bigint[], bigint[]);
DROP TABLE questions_companybest;
"""


def add_company_best(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD_SQL)


def drop_company_best(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD_SQL)


class Migration(migrations.Migration):
    dependencies = [("questions", "0007_question_difficulty_unrated")]

    operations = [migrations.RunPython(add_company_best, drop_company_best)]
