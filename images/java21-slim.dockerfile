# undertow-base:java21-slim: a jlink'd OpenJDK 21 runtime holding only the modules the launcher
# and ordinary web apps need, on a Debian trixie root file system cut down to what that runtime
# and the start scripts use (images/base/slim-rootfs.sh: no apt, dpkg or perl). Build context:
# the repository root.

# These two instructions are repeated verbatim at the top of java21.dockerfile, so Docker's
# layer cache installs the JDK once for both tags.
FROM debian:trixie-slim AS jdk
# The openjdk postinst registers man-page alternatives in /usr/share/man/man1, which slim bases drop.
RUN mkdir -p /usr/share/man/man1 \
 && apt-get update \
 && apt-get install -y --no-install-recommends openjdk-21-jdk-headless \
 && rm -rf /var/lib/apt/lists/* /var/log/apt /var/log/dpkg.log /var/cache/debconf/*-old

FROM jdk AS jlink
# jlink --strip-debug runs objcopy on the native libraries.
RUN apt-get update \
 && apt-get install -y --no-install-recommends binutils \
 && rm -rf /var/lib/apt/lists/*
# jdk.crypto.ec holds the EC ciphers TLS needs (merged into java.base in JDK 22).
# The launcher needs java.security.sasl (XNIO) and jdk.unsupported (sun.misc.Unsafe in Undertow
# and jboss-threads). Ordinary apps get java.logging (JUL), java.management + jdk.management
# (platform MXBeans for metrics libraries), java.naming (JNDI), java.net.http (HttpClient) and
# jdk.zipfs (jar file systems); jdk.jdwp.agent serves JAVA_DEBUG=true in /start-reload.sh.
# The trust store is Debian's (Mozilla's CA list, as in the full tag) rather than the JDK's own:
# like Debian's JDK, lib/security/cacerts links to /etc/ssl/certs/java/cacerts.
# Left out: java.sql, which drags in java.xml (+4.5 MB); JDBC apps use the full tag.
RUN jlink --add-modules java.base,jdk.crypto.ec,java.security.sasl,jdk.unsupported,java.logging,java.management,jdk.management,java.naming,java.net.http,jdk.zipfs,jdk.jdwp.agent \
      --strip-debug --no-man-pages --no-header-files --compress=zip-6 --output /opt/java \
 && ln -sf /etc/ssl/certs/java/cacerts /opt/java/lib/security/cacerts

# The same two instructions top java25-slim.dockerfile, so both slim tags share this layer.
FROM debian:trixie-slim AS rootfs
COPY images/base/slim-rootfs.sh /
RUN /slim-rootfs.sh /rootfs

FROM scratch
COPY --from=rootfs /rootfs/ /
COPY --from=jdk /etc/ssl/certs/ /etc/ssl/certs/
COPY --from=jlink /opt/java /opt/java
RUN mkdir -p /app /opt/launcher/cache /server-conf \
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
# they use, made in this stage because a cache only fits the exact runtime that made it.
RUN /train.sh
LABEL org.opencontainers.image.title="undertow-base:java21-slim" \
      org.opencontainers.image.description="Undertow launcher tuned to its container, on a jlink'd OpenJDK 21 runtime and a minimal Debian trixie" \
      org.opencontainers.image.version="1.0.0"
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
