# Draws bench/charts/*.png from the CSVs report.py writes to bench/results/.
set terminal pngcairo size 1100,520 font "DejaVu Sans,11" noenhanced
set datafile separator ","
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set grid ytics
set key top left
set xtics nomirror
set ytics nomirror
set yrange [0:*]
set format y "%.0f"

set output "charts/throughput.png"
set title "Requests per second (higher is better); wrk -c64, loopback, server on one CPU"
set ylabel "req/s"
plot for [i=2:5] "results/chart-throughput.csv" using i:xtic(1) title columnheader(i)

set output "charts/p99.png"
set title "p99 latency (lower is better)"
set ylabel "ms"
set format y "%.0f"
plot for [i=2:5] "results/chart-p99.csv" using i:xtic(1) title columnheader(i)

set output "charts/coldstart.png"
set title "Cold start: docker run -d to first 200, median (lower is better)"
set ylabel "ms"
set key off
set boxwidth 0.5
set xrange [-0.6:*]
plot "results/chart-coldstart.csv" skip 1 using 0:2:xtic(1) with boxes notitle, \
     "" skip 1 using 0:2:(sprintf("%d", $2)) with labels offset 0,0.8 notitle
set boxwidth 0.9
set xrange [*:*]

set output "charts/footprint.png"
set title "Image size and memory (lower is better)"
set ylabel "MB"
set key top left
plot for [i=2:4] "results/chart-footprint.csv" using i:xtic(1) title columnheader(i)

# The blocking rows, when measured (report.py passes -e blocking=1).
if (exists("blocking") && blocking) {
  set output "charts/blocking.png"
  set title "Blocking route (50 ms wait): req/s as a fraction of ideal (connections / 50 ms); server --cpus=1"
  set ylabel "× ideal"
  set yrange [0:1.1]
  set format y "%.1f"
  set key top right
  set xtics rotate by -20
  plot for [i=2:3] "results/chart-blocking.csv" using i:xtic(1) title columnheader(i)
}
