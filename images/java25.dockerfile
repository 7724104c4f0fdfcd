# undertow-base:java25 (= latest): Debian trixie slim + Debian's OpenJDK 25 JDK, headless
# (javac, jcmd, jfr, jshell for diagnostics and in-process compiles of /start-reload.sh).
# Build context: the repository root (`make images TAG=java25`).

# These two instructions are repeated verbatim at the top of java25-slim.dockerfile, so Docker's
# layer cache installs the JDK once for both tags.
FROM debian:trixie-slim AS jdk
# The openjdk postinst registers man-page alternatives in /usr/share/man/man1, which slim bases drop.
RUN mkdir -p /usr/share/man/man1 \
 && apt-get update \
 && apt-get install -y --no-install-recommends openjdk-25-jdk-headless \
 && rm -rf /var/lib/apt/lists/* /var/log/apt /var/log/dpkg.log /var/cache/debconf/*-old

FROM jdk
# One JAVA_HOME on every tag and architecture (Debian's directory name carries the arch).
RUN ln -s "$(dirname "$(dirname "$(readlink -f /usr/bin/javac)")")" /opt/java \
 && useradd --uid 10001 --gid 0 --home-dir /app --no-create-home --shell /usr/sbin/nologin app \
 && mkdir -p /app /opt/launcher/cache /server-conf \
 && chown 10001:0 /app \
 && chmod 0775 /app /opt/launcher/cache
ENV JAVA_HOME=/opt/java \
    PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 \
    MALLOC_ARENA_MAX=2
COPY server-conf/server.conf /server-conf/
COPY launcher/target/lib/ /opt/launcher/lib/
COPY launcher/target/launcher.jar images/start-common.sh images/jvm-options.awk images/jvm-options.sh /opt/launcher/
COPY start.sh start-reload.sh images/train.sh /
# The JVM's options as this runtime has them, for the start scripts' check of JAVA_OPTS.
RUN /opt/launcher/jvm-options.sh
# Training run (see /train.sh): the start-up cache for the launcher, Undertow and the JDK classes
# they use, which start.sh hands to every start.
RUN /train.sh
LABEL org.opencontainers.image.title="undertow-base:java25" \
      org.opencontainers.image.description="Undertow launcher tuned to its container, on Debian trixie slim with the OpenJDK 25 JDK" \
      org.opencontainers.image.version="1.0.0" \
      org.opencontainers.image.base.name="debian:trixie-slim"
WORKDIR /app
USER 10001:0
EXPOSE 8080
# HEALTHCHECK (README, Probes and health checks): healthcheck.sh asks the liveness path (or
# only connects when it is off) on the port the launcher writes to HEALTHCHECK_FILE once it
# listens; no curl, no second JVM. Failures in the start period, long enough for a JVM start on
# a small CPU share, do not count. After the training run, which must not leave a file behind.
ENV HEALTHCHECK_FILE=/tmp/undertow-base.healthcheck
COPY images/healthcheck.sh /opt/launcher/
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 CMD ["/opt/launcher/healthcheck.sh"]
CMD ["/start.sh"]
