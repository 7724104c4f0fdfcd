# Only for images that predate the launcher's own HEALTHCHECK (deploy/test/run.sh adds it then):
# a stand-in that asks GET / (the test app's answer) over bash's /dev/tcp, as the image's
# HEALTHCHECK asks LIVENESS_PATH, so the rollout with a health check can be measured today.
ARG APP
FROM ${APP}
HEALTHCHECK CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET / HTTP/1.0\\r\\n\\r\\n' >&3 && read -r _ status _ <&3 && [ \"$status\" = 200 ]"]
