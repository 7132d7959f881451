-- Every repository of every shard, from the NDJSON lines.
CREATE VIEW scan AS
SELECT * FROM read_json('evidence/*/*.ndjson', format = 'newline_delimited', filename = true,
    columns = {repository: 'VARCHAR', commit: 'VARCHAR', decision: 'VARCHAR',
               counts: 'MAP(VARCHAR, INTEGER)', evidence: 'VARCHAR', duration_ms: 'BIGINT',
               reused: 'BOOLEAN', error: 'VARCHAR', bytes_fetched: 'BIGINT'});

-- Every evidence file (the portfolio.json beside them is not one: it has no schema_version).
CREATE VIEW evidence AS
SELECT filename, json AS e
FROM read_json_objects('evidence/*/*.json', format = 'auto', filename = true)
WHERE json_exists(json, '$.schema_version');

-- One row per control of each report.
CREATE VIEW controls AS
SELECT regexp_extract(filename, '([^/]+)\.json$', 1) AS report,
       e->>'$.gate.name' AS gate,
       e->>'$.decision' AS decision,
       e->>'$.subject.commit' AS commit,
       c->>'$.id' AS control,
       c->>'$.level' AS level,
       c->>'$.status' AS status
FROM evidence, unnest(from_json(e->'$.controls', '["json"]')) AS t(c);

-- How the fleet stands, and what the scans cost.
SELECT decision, count(*) AS repositories, sum(duration_ms) AS ms, count_if(reused) AS reused
FROM scan GROUP BY ALL ORDER BY ALL;

-- Repositories that could not be checked, and why.
SELECT repository, error FROM scan WHERE error IS NOT NULL ORDER BY repository;

-- Repositories NO-GO on the release gate, by control: which MUST control stops most of them.
SELECT control, count(*) AS repositories,
       string_agg(report, ', ' ORDER BY report) AS which
FROM controls
WHERE gate = 'release' AND decision = 'NO_GO' AND level = 'must' AND status IN ('FAIL', 'ERROR')
GROUP BY control ORDER BY repositories DESC, control;
