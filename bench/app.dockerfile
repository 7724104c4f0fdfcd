# One of our images serving the example app. The app's sources are compiled by the full
# image's javac against the launcher's own Undertow and Config jars, so the bench needs no
# host JDK for them; `--release 21` keeps the classes loadable on the Java 21 tags.
# Build context: the example's directory (examples/hello).
ARG TAG=java25-slim
FROM undertow-base:java25 AS build
COPY . /tmp/src
RUN find /tmp/src -name '*.java' > /tmp/sources \
 && test -s /tmp/sources \
 && javac --release 21 -nowarn -cp '/opt/launcher/lib/*' -d /tmp/classes @/tmp/sources

FROM undertow-base:${TAG}
COPY --from=build /tmp/classes/ /app/classes/
