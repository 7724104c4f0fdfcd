# examples/hello on one of our tags, exactly as the example's own Dockerfile does it for
# java25-slim. Build context: examples/hello after `mvn package` (target/hello.jar).
ARG BASE=undertow-base
ARG TAG=java25-slim
FROM ${BASE}:${TAG}
COPY target/hello.jar /app/
