\set id random(1, 1000)
SELECT id, title, done FROM todo WHERE id = :id;
