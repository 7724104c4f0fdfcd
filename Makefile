# undertow-base: build the images, run the tests, try the example app.
#   make images [TAG=java25-slim]   build all four tags (or the ones named in TAG)
#   make demo                       build java25-slim and serve examples/hello on http://localhost:8080
#   make todo                       build java25 and run examples/todo with PostgreSQL (docker compose)
#   make test [TAG=...]             unit tests, the image builds, then the image tests against them
#   make unit                       only the unit tests (no Docker)
#   make clean                      remove Maven build output (images stay; `docker image rm` them)
# IMAGE=ub-foo builds and tests images ub-foo:TAG instead of undertow-base:TAG, so that several
# people can work side by side on one Docker engine.

# The tags are the Dockerfiles, images/TAG.dockerfile: the one list of tags (the tests read it too).
TAGS := $(sort $(patsubst images/%.dockerfile,%,$(wildcard images/*.dockerfile)))
TAG ?= $(TAGS)
IMAGE := undertow-base

# Maven needs a JDK >= 21 (the default java here may be older): the newest under /usr/lib/jvm,
# unless JDK=/path/to/jdk is given.
JDK ?= $(firstword $(wildcard /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25-openjdk* \
         /usr/lib/jvm/temurin-2[1-9]* /usr/lib/jvm/java-2[1-9]-openjdk*))
MVN = JAVA_HOME=$(JDK) mvn -B

comma := ,
empty :=
space := $(empty) $(empty)

.PHONY: images launcher base docker demo todo test unit clean

images: base launcher
	@for t in $(TAG); do \
	  [ -f images/$$t.dockerfile ] || { echo "error: TAG: unknown tag \"$$t\" (one of $(TAGS))" >&2; exit 2; }; \
	  echo "== $(IMAGE):$$t"; \
	  docker build -f images/$$t.dockerfile -t $(IMAGE):$$t . || exit 1; \
	  [ $$t != java25 ] || docker tag $(IMAGE):java25 $(IMAGE):latest; \
	  echo "$(IMAGE):$$t $$(docker image inspect -f '{{.Size}}' $(IMAGE):$$t) bytes"; \
	done

launcher: jdk
	$(MVN) -q -pl launcher -am package -DskipTests

base: docker
	sh images/base/bootstrap.sh

docker:
	@sh images/docker-up.sh

.PHONY: jdk
jdk:
	@[ -n "$(JDK)" ] && [ -x "$(JDK)/bin/javac" ] || { \
	  echo "error: JDK: no JDK >= 21 found under /usr/lib/jvm; run make JDK=/path/to/jdk" >&2; exit 2; }

demo:
	$(MAKE) images TAG=java25-slim
	$(MVN) -q -pl examples/hello -am package -DskipTests
	docker build -t $(IMAGE)-hello examples/hello
	@echo "Serving examples/hello on http://localhost:8080 (Ctrl-C stops it)"
	docker run --rm --name $(IMAGE)-demo -p 8080:8080 $(IMAGE)-hello

# The todo example and its PostgreSQL (built from Debian's packages), run by examples/todo/compose.yaml.
# The images are $(IMAGE)-todo and $(IMAGE)-todo-postgres, the names the image test (TodoIT) builds too.
COMPOSE = $(shell docker compose version >/dev/null 2>&1 && echo "docker compose" || \
            { command -v docker-compose >/dev/null 2>&1 && echo docker-compose; })
todo:
	$(MAKE) images TAG=java25
	$(MVN) -q -pl examples/todo -am package -DskipTests
	docker build -t $(IMAGE)-todo-postgres examples/todo/postgres
	docker build --build-arg BASE=$(IMAGE) -t $(IMAGE)-todo examples/todo
	@[ -n "$(COMPOSE)" ] || { echo "error: docker compose is not installed (the compose plugin, or Debian's docker-compose); the images $(IMAGE)-todo and $(IMAGE)-todo-postgres are built" >&2; exit 2; }
	@echo "Serving examples/todo on http://localhost:$${TODO_PORT:-8080}/todos (Ctrl-C stops it; $(COMPOSE) -f examples/todo/compose.yaml down -v removes its data)"
	IMAGE=$(IMAGE) $(COMPOSE) -f examples/todo/compose.yaml up

# Unit tests first: a failing one stops the run before four image builds. The image tests then
# run without them (-DskipUnitTests), against the images just built.
test: unit
	@$(MAKE) --no-print-directory images
	$(MVN) -pl tests -am verify -DskipUnitTests \
	  -Dimages=$(subst $(space),$(comma),$(strip $(TAG))) -Dimage.repo=$(IMAGE)

# Every module's unit tests (Surefire: the launcher's, and tests/'s *Test classes), and the
# benchmark's checks on itself (bench/test_*.py, Python's unittest, seconds); no Docker.
unit: jdk
	python3 -m unittest discover -s bench -p 'test_*.py'
	$(MVN) test

clean: jdk
	$(MVN) -q clean

# The benchmark in bench/ (bench/RESULTS.md, bench/charts/): builds the tags it needs when
# missing, then measures on a quiet machine; `make images bench` rebuilds them first.
.PHONY: bench
bench: docker jdk
	JAVA_HOME=$(JDK) sh bench/run.sh

# The deploy/ files proved on running engines (README, Deploying): a Swarm rolling update and
# scaling under load with every response counted, the Kubernetes Deployment under podman kube
# play, the Cloud Run container; installs what it lacks, about 5 minutes.
.PHONY: deploy-test
deploy-test: docker jdk
	JAVA_HOME=$(JDK) BASE=$(IMAGE):java25-slim sh deploy/test/run.sh
