# Draws charts/todo.png from results/chart-todo.csv (written by bench/todo.py).
set terminal pngcairo size 1100,520 font "DejaVu Sans,11" noenhanced
set datafile separator ","
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set grid ytics
set key top right
set xtics nomirror
set ytics nomirror
set yrange [0:*]
set format y "%.0f"
set output "charts/todo.png"
set title "GET /todos/ID against PostgreSQL, 80 connections, server --cpus=1 (higher is better)"
set ylabel "req/s (pgbench: queries/s)"
plot "results/chart-todo.csv" using 2:xtic(1) title columnheader(2), \
     "" skip 1 using ($0):2:(sprintf("%d", $2)) with labels offset 0,0.8 notitle
