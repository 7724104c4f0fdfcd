# undertow-base: build the images, run the tests, try the example app.
#   make images [TAG=java25-slim]   build all four tags (or the ones named in TAG)
#   make demo                       build java25-slim and serve examples/hello on http://localhost:8080
#   make test [TAG=...]             unit tests, then the image tests against the built tags
#   make clean                      remove Maven build output (images stay; `docker image rm` them)
TAGS := java25 java25-slim java21 java21-slim
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

.PHONY: images launcher base docker demo test clean

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

test: images
	$(MVN) verify -Dimages=$(subst $(space),$(comma),$(strip $(TAG))) -Drepository=$(IMAGE)

clean: jdk
	$(MVN) -q clean

# The benchmark in bench/ (bench/RESULTS.md, bench/charts/): builds the tags it needs when
# missing, then measures on a quiet machine; `make images bench` rebuilds them first.
.PHONY: bench
bench: docker jdk
	JAVA_HOME=$(JDK) sh bench/run.sh
