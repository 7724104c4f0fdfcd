# The two floors of bench/bounds.md's cold start, on the very runtime of undertow-base:java25-slim
# (its jlink'd JDK 25 and root file system) with a start-up cache of their own, trained the way
# /train.sh trains ours, and started with the JVM flags /start.sh gives ours without limits:
#   MAIN=bench.Main        plain Undertow.builder() (this directory's app)
#   MAIN=bench.SocketMain  the JVM alone: a ServerSocket, no HTTP library
#   OPTS=...               JVM options for both, e.g. -Djavax.management.builder.initial=bench.NoMBeans
#                          (Undertow without the platform MBean server, as the launcher starts it)
# Build context: bench/undertow after `mvn package`, e.g.
#   docker build -f bench/undertow/cached.dockerfile --build-arg MAIN=bench.SocketMain -t ub-floor-jvm bench/undertow
ARG BASE=undertow-base:java25-slim
FROM ${BASE}
ARG MAIN=bench.Main
ARG OPTS=
USER root
COPY target/lib/ /floor/lib/
COPY target/plain-undertow-1.0.0.jar /floor/
COPY cached.sh /floor/
ENV FLOOR_MAIN=${MAIN} FLOOR_OPTS=${OPTS}
# /start.sh is this start (bench/startup.py starts every image through /start.sh); the launcher's
# cache goes, as nothing here can use it.
RUN rm -f /opt/launcher/cache/launcher.aot && /floor/cached.sh train && ln -sf /floor/cached.sh /start.sh
USER 10001:0
CMD ["/start.sh"]
