-- Fantasy points worksheet. Ball-by-ball data from Cricsheet (cricsheet.org), ODC-BY 1.0.

-- top scorers: the ten best single-match fantasy performances
SELECT p.match_id, m.match_date, p.player_name, p.team, p.points
FROM gold.player_points p JOIN core.matches m ON m.match_id = p.match_id
ORDER BY p.points DESC, p.player_id
LIMIT 10;

-- where the points come from: each rule's share of all points scored
WITH by_rule AS (
  SELECT rule, sum(rule_points) AS points
  FROM gold.player_points LATERAL VIEW explode(breakdown) b AS rule, rule_points
  GROUP BY rule)
SELECT r.rule, r.points, round(100 * r.points / t.total, 1) AS pct
FROM by_rule r CROSS JOIN (SELECT sum(points) AS total FROM by_rule) t
ORDER BY r.points DESC;

-- live view: each player's points after the 120th delivery of Qualifier 2 (2023)
SELECT player_name, element_at(points_after_delivery, 120) AS points_after_120, points AS final_points
FROM gold.player_points
WHERE match_id = '1370352'
ORDER BY points_after_120 DESC
LIMIT 5;

-- boundaries by match and innings, super overs apart
SELECT match_id, innings, is_super_over,
       sum(CASE WHEN runs_batter = 4 AND NOT non_boundary THEN 1 ELSE 0 END) AS fours,
       sum(CASE WHEN runs_batter = 6 AND NOT non_boundary THEN 1 ELSE 0 END) AS sixes
FROM core.deliveries
GROUP BY match_id, innings, is_super_over
ORDER BY match_id, innings;

-- substitute fielders named on wickets who were not in the pool (they earn no points)
SELECT d.match_id, d.delivery_seq, f.fielder_name, f.fielder_id
FROM core.deliveries d LATERAL VIEW explode(wickets) w AS wicket
LATERAL VIEW explode(wicket.fielders) fl AS f
WHERE NOT f.in_pool;

-- audit: the runs that wrote gold.player_points, and what they read
SELECT run_id, status, started_at, rows_out, snapshots_read
FROM ops.job_runs
WHERE command = 'score'
ORDER BY started_at DESC;
