# Draws charts/todo.png from results/chart-todo.csv (written by bench/todo.py).
set terminal pngcairo size 1100,520 font "DejaVu Sans,11" noenhanced
set datafile separator ","
set style fill solid 0.85 border -1
set boxwidth 0.5
set grid ytics
set key off
set xtics nomirror
set ytics nomirror
set xrange [-0.6:4.6]
set yrange [0:*]
set format y "%.0f"
set output "charts/todo.png"
set title "GET /todos/ID against PostgreSQL, 80 connections, server --cpus=1 (higher is better)"
set ylabel "req/s (pgbench: queries/s)"
plot "results/chart-todo.csv" skip 1 using 0:2:xtic(1) with boxes notitle, \
     "" skip 1 using 0:2:(sprintf("%d", $2)) with labels offset 0,0.8 notitle
