"""A large, made-up question bank for the speed benchmarks, generated in PostgreSQL.

Everything is set-based SQL (INSERT ... SELECT over generate_series) in one
transaction, so 100,000 questions and 1,000,000 company tags take well under a
minute, and a failed run leaves nothing half-written. The shape imitates community
company-tagged lists:

- companies are log-uniformly popular: the first few (Meta, Google, ...) carry most
  tags, as in real lists;
- topics are skewed the same way (Array is on about a third of the questions);
- statements are Markdown of 40-120 words drawn with a Zipf-like skew from a
  technical vocabulary, so a search word such as "interval" matches about a tenth of
  the bank and the tsvectors are as long as real statements';
- frequencies are rounded to one decimal and skewed low, so ties (broken by title)
  happen as they do in real lists.

The random generator is seeded: two runs with the same sizes make the same bank.
"""

from django.db import connection, transaction

TOPICS = [
    "Array", "String", "Hash Table", "Dynamic Programming", "Math", "Sorting",
    "Greedy", "Depth-First Search", "Binary Search", "Breadth-First Search", "Tree",
    "Matrix", "Two Pointers", "Bit Manipulation", "Binary Tree", "Heap", "Stack",
    "Prefix Sum", "Graph", "Simulation", "Design", "Counting", "Sliding Window",
    "Backtracking", "Union Find", "Linked List", "Ordered Set", "Monotonic Stack",
    "Trie", "Divide and Conquer", "Recursion", "Bitmask", "Queue", "Memoization",
    "Topological Sort", "Intervals", "Geometry", "Shortest Path", "Segment Tree",
    "Probability",
]  # fmt: skip
COMPANIES = [
    "Meta", "Google", "Amazon", "Microsoft", "Apple", "Bloomberg", "Uber", "Adobe",
    "LinkedIn", "Oracle", "TikTok", "Airbnb", "Netflix", "Salesforce", "Stripe",
    "Snowflake", "Databricks", "Nvidia", "Atlassian", "Pinterest",
]  # fmt: skip
VERBS = [
    "Merge", "Find", "Count", "Reverse", "Design", "Implement", "Detect", "Minimize",
    "Maximize", "Partition", "Schedule", "Serialize", "Validate", "Rotate", "Flatten",
    "Sort", "Search", "Build", "Compress", "Balance", "Split", "Insert", "Remove",
    "Encode", "Decode", "Sum", "Shuffle", "Group", "Route", "Cache",
]  # fmt: skip
ADJECTIVES = [
    "Overlapping", "Longest", "Shortest", "Sorted", "Rotated", "Balanced", "Minimum",
    "Maximum", "Distinct", "Consecutive", "Weighted", "Circular", "Nested", "Sparse",
    "Unique", "Missing", "Duplicate", "Kth Largest", "Valid", "Palindromic",
    "Increasing", "Binary", "Random", "Frequent", "Disjoint", "Adjacent", "Closest",
    "Concurrent", "Bounded", "Lazy",
]  # fmt: skip
NOUNS = [
    "Intervals", "Meeting Rooms", "Subarray", "Substring", "Tree Paths", "Graph",
    "Linked List", "Matrix", "Islands", "Parentheses", "Stock Prices", "Words",
    "Anagrams", "Rate Limiter", "LRU Cache", "Key-Value Store", "Courses", "Tasks",
    "Jobs", "Points", "Rectangles", "Coins", "Stairs", "Robots", "Servers", "Logs",
    "Tickets", "Flights", "Sequence", "Heap", "Queue", "Stack", "Trie", "Segments",
    "Histogram", "Calendar", "Playlist", "Inventory", "Elevator", "Feed",
]  # fmt: skip
# Ordered from most to least common: the statements draw word k with a probability
# about proportional to 1/k, as natural text does (Zipf).
WORDS = """
the a of to and in is an given return array each that integer you for be are it with
string must number if all or from on as by at most least elements values where list
node tree can index such output input not length time one two value first order sum
k n target nums which minimum maximum only this answer any there sorted key pairs
total may any no graph edges path positions between subarray substring new end start
query queries each characters count make after window left right distinct other next
previous possible number within cost character element since way every than order
level root neighbours cell grid row column constraints example explanation following
while same equal different greater smaller times case valid result operations
operation steps move digits digit prefix suffix range ranges merge overlapping
boundaries duplicates unique frequency frequencies capacity cache evict recently
used request requests server servers latency throughput partition partitions shard
shards replica replicas leader consistency write read stream streams event events
message messages queue topic producer consumer batch window sliding rate limiter
token bucket user users feed timeline ranking model features training inference
embedding embeddings gradient loss batchnorm attention layer layers dropout tensor
matrix vector convolution kernel stride padding accuracy precision recall metric
dataset label labels sample samples feature store pipeline offline online experiment
schedule meeting rooms calendar booking ticket flight price prices stock profit buy
sell transaction transactions account balance amount coins change ways climb stairs
robot moves obstacle island islands water land parentheses brackets balanced
palindrome anagram anagrams words dictionary letter letters prefix trie insert
search delete heap priority smallest largest median kth closest points distance
origin rectangle area perimeter overlap union find connected components cycle
topological course courses prerequisite dependency dependencies bipartite colour
shortest weighted directed undirected vertex vertices adjacency breadth depth
recursion backtracking permutation permutations combination combinations subset
subsets memo dynamic programming greedy binary search lower upper bound rotated
pivot linked reverse cycle middle head tail pointer pointers fast slow swap
serialize deserialize encode decode compress string builder iterator peek flatten
interval intervals nested design implement class method constructor thread threads
lock mutex concurrent deadlock starvation retry timeout idempotent failure failures
recover recovery log logs audit consistent hashing bloom filter counter histogram
"""
VOCABULARY = WORDS.split()


def _sql_array(words: list[str]) -> str:
    quoted = ", ".join("'" + word.replace("'", "''") + "'" for word in words)
    return f"ARRAY[{quoted}]::text[]"


def _pick(words: list[str]) -> str:
    return f"({_sql_array(words)})[1 + floor(random() * {len(words)})::int]"


def _slugify_sql(expression: str) -> str:
    slug = f"regexp_replace(lower({expression}), '[^a-z0-9]+', '-', 'g')"
    return f"trim(both '-' from {slug})"


def bank_matches(*, questions: int, companies: int, tags: int) -> bool:
    """True when the database already holds a bank of exactly these sizes."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM questions_question),"
            " (SELECT count(*) FROM questions_company),"
            " (SELECT count(*) FROM questions_companytag),"
            " (SELECT count(*) FROM questions_topic)"
        )
        found = cursor.fetchone()
    return found == (questions, companies, tags, len(TOPICS))


@transaction.atomic
def bank_generate(*, questions: int, companies: int, tags: int, user_id: int) -> None:
    """Replace the question bank with a generated one of the given sizes."""
    if tags > questions * companies * 5:
        raise ValueError("More tags than (question, company, window) combinations.")
    with connection.cursor() as cursor:
        run = cursor.execute
        run(
            "TRUNCATE questions_companytag, questions_question_topics,"
            " questions_progress, questions_question, questions_topic,"
            " questions_company RESTART IDENTITY CASCADE"
        )
        run("SELECT setseed(0.4242)")
        run(
            "INSERT INTO questions_company (name, slug, aliases, loop_notes)"
            " SELECT name, " + _slugify_sql("name") + ", '[]', ''"
            " FROM (SELECT c, coalesce((%s::text[])[c],"
            "   'Company ' || lpad(c::text, 4, '0')) AS name"
            "  FROM generate_series(1, %s) AS c) AS named ORDER BY c",
            [COMPANIES, companies],
        )
        run(
            "INSERT INTO questions_topic (name, slug, aliases)"
            " SELECT name, " + _slugify_sql("name") + ", '[]'"
            " FROM unnest(%s::text[])"
            " WITH ORDINALITY AS t(name, n) ORDER BY n",
            [TOPICS],
        )
        # Topic ids follow TOPICS' order, most common first; 1-4 topics a question.
        run(
            "CREATE TEMP TABLE bench_question_topic ON COMMIT DROP AS"
            " SELECT DISTINCT q AS question_id,"
            "  least(%s, floor(exp(random() * ln(%s + 1)))::int) AS topic_id"
            " FROM generate_series(1, %s) AS q,"
            "  LATERAL generate_series(1, 1 + (q * 7919) %% 4) AS pick",
            [len(TOPICS), len(TOPICS), questions],
        )
        _generate_tags(run, questions=questions, companies=companies, tags=tags)
        _generate_questions(run, questions=questions)
        run(
            "INSERT INTO questions_question_topics (question_id, topic_id)"
            " SELECT question_id, topic_id FROM bench_question_topic"
            " ORDER BY question_id, topic_id"
        )
        run(
            'INSERT INTO questions_companytag (question_id, company_id, "window",'
            " frequency, last_seen_on, is_sample)"
            ' SELECT question_id, company_id, "window", frequency, last_seen_on, false'
            " FROM bench_tag ORDER BY g"
        )
        # The reader has worked on a few questions: the page prefetches their status.
        run(
            "INSERT INTO questions_progress (user_id, question_id, status,"
            " marked_for_review, card, updated_at)"
            " SELECT %s, q,"
            "  CASE WHEN random() < 0.7 THEN 'solved' ELSE 'attempted' END,"
            "  false, '{}', now()"
            " FROM generate_series(1, %s) AS q WHERE random() < 0.03",
            [user_id, questions],
        )
        for table in ("question", "company", "topic", "companytag", "progress"):
            run(
                f"SELECT setval(pg_get_serial_sequence('questions_{table}', 'id'),"
                f" greatest(1, (SELECT max(id) FROM questions_{table})))"
            )


def _generate_tags(run, *, questions: int, companies: int, tags: int) -> None:
    # Draw more candidates than needed, keep the first of each (question, company,
    # window) so the unique constraint holds, then keep exactly `tags` of them.
    candidates = int(tags * 1.35) + 1000
    run(
        "CREATE TEMP TABLE bench_tag ON COMMIT DROP AS"
        ' SELECT g, question_id, company_id, "window",'
        "  round((100 * random() ^ 3)::numeric, 1)::float8 AS frequency,"
        '  current_date - CASE "window"'
        "   WHEN '30d' THEN floor(random() * 30)::int"
        "   WHEN '3m' THEN 30 + floor(random() * 60)::int"
        "   WHEN '6m' THEN 90 + floor(random() * 90)::int"
        "   WHEN 'older' THEN 180 + floor(random() * 1300)::int"
        "   ELSE floor(random() * 1480)::int END AS last_seen_on"
        ' FROM (SELECT DISTINCT ON (question_id, company_id, "window") *'
        "  FROM (SELECT g,"
        "    least(%(q)s, 1 + floor(%(q)s * random() ^ 1.3)::int) AS question_id,"
        "    least(%(c)s, floor(exp(random() * ln(%(c)s + 1)))::int) AS company_id,"
        "    (ARRAY['30d', '3m', '3m', '6m', '6m', 'older', 'all', 'all', 'all',"
        "     '6m'])[1 + floor(random() * 10)::int] AS \"window\""
        "   FROM generate_series(1, %(n)s) AS g) AS drawn"
        '  ORDER BY question_id, company_id, "window", g) AS kept'
        " ORDER BY g LIMIT %(t)s",
        {"q": questions, "c": companies, "n": candidates, "t": tags},
    )
    made = run("SELECT count(*) FROM bench_tag").fetchone()[0]
    if made < tags:
        raise ValueError(f"Only {made} distinct tags could be drawn; ask for fewer.")


def _generate_questions(run, *, questions: int) -> None:
    vocabulary = _sql_array(VOCABULARY)
    size = len(VOCABULARY)
    title = f"{_pick(VERBS)} || ' ' || {_pick(ADJECTIVES)} || ' ' || {_pick(NOUNS)}"
    run(
        "INSERT INTO questions_question (id, slug, title, kind, difficulty, statement,"
        " link, hints, solution_outline, follow_ups, expected_complexity,"
        " examples, estimated_minutes, topic_names, last_asked_on, created_at,"
        " updated_at)"
        " SELECT q, " + _slugify_sql("title") + " || '-' || q, title, kind,"
        "  difficulty, statement, '',"
        '  \'["Sort first.", "A heap keeps the smallest end."]\','
        "  'Sort by start, sweep once, keep the current end.', '[]',"
        "  'O(n log n) time, O(n) space', '{}', 15 + (q %% 4) * 10,"
        "  coalesce(topics.names, ''), tags.last_asked_on, now(), now()"
        " FROM (SELECT q, " + title + " AS title,"
        "   (ARRAY['coding', 'coding', 'coding', 'coding', 'coding', 'design',"
        "    'system_design', 'ml_system_design', 'ml_coding', 'ml_fundamentals',"
        "    'behavioral'])[1 + floor(random() * 11)::int] AS kind,"
        "   (ARRAY[1, 2, 2, 3])[1 + floor(random() * 4)::int] AS difficulty,"
        "   (SELECT 'Given ' || string_agg("
        "      (" + vocabulary + ")[least(" + str(size) + ","
        "       floor(exp(random() * ln(" + str(size) + " + 1)))::int)], ' ')"
        "     || E'.\\n\\n**Example 1:**\\n\\n```\\nInput: nums = [' || q %% 97"
        "     || ', ' || q %% 13 || E']\\nOutput: ' || q %% 7 || E'\\n```\\n\\n'"
        "     || '**Constraints:** `1 <= n <= 10^5`.'"
        "    FROM generate_series(1, 40 + q %% 81)) AS statement"
        "  FROM generate_series(1, %s) AS q) AS drawn"
        " LEFT JOIN (SELECT question_id, string_agg(t.name, ' ' ORDER BY t.name"
        '   COLLATE "C") AS names FROM bench_question_topic'
        "   JOIN questions_topic AS t ON t.id = topic_id GROUP BY question_id)"
        "  AS topics ON topics.question_id = q"
        " LEFT JOIN (SELECT question_id, max(last_seen_on) AS last_asked_on"
        "   FROM bench_tag GROUP BY question_id) AS tags ON tags.question_id = q"
        " ORDER BY q",
        [questions],
    )
