# syntax=docker/dockerfile:1
#
# Thang Long ID container image.
#
#   docker build -t thanglong-id .
#   docker run --rm -p 8080:8080 \
#     -v "$PWD/realm-config:/config/realm-config:ro" \
#     -v "/srv/thanglong-id/keys:/keys:ro" \
#     -e IDP_PUBLIC_BASE_URL=https://id.example.gov.vn \
#     -e IDP_DATABASE_URL=jdbc:postgresql://db:5432/thanglong -e IDP_DATABASE_USER=... -e IDP_DATABASE_PASSWORD=... \
#     -e IDP_SESSION_STORE=redis -e IDP_REDIS_URL=redis://redis:6379 \
#     thanglong-id
#
# Nothing secret goes into the image: realm-config/ (clients, ${ENV} secret placeholders)
# and the signing keys are mounted at run time, and the image never generates keys.

# --- build: the Maven wrapper on a JDK ----------------------------------------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /workspace

# The wrapper and the POM first, so that the dependency cache survives source changes.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN chmod +x mvnw
COPY src src
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp -DskipTests package \
 && cp target/thanglong-id-*.jar application.jar \
 && java -Djarmode=tools -jar application.jar extract --layers --destination extracted

# --- runtime: a JRE, a non-root user, no keys ----------------------------------------------
# JDK 25 for its ahead-of-time class cache (below); the application itself needs only 17.
FROM eclipse-temurin:25-jre

RUN groupadd --system --gid 10001 thanglong \
 && useradd --system --uid 10001 --gid thanglong --home-dir /app --no-create-home \
      --shell /usr/sbin/nologin thanglong \
 && mkdir -p /app/data /config /keys \
 && chown thanglong:thanglong /app/data
WORKDIR /app

# Layers from the least to the most often changed (Spring Boot's layer index).
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./

# Mount points: realm-config at /config/realm-config, one folder per realm with its keys at
# /keys (see keys/README.md). Keys are provisioned, never generated inside a container.
# JAVA_OPTS: a small fixed heap keeps the resident size low (measured by bench/run.sh).
ENV MALLOC_ARENA_MAX=2 \
    JAVA_OPTS="-XX:+UseSerialGC -Xms48m -Xmx192m -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m -Xss512k -XX:+ExitOnOutOfMemoryError" \
    IDP_REALM_CONFIG=/config/realm-config \
    IDP_KEYS_DIRECTORY=/keys \
    IDP_KEYS_GENERATE_MISSING=false \
    IDP_PORT=8080

# An ahead-of-time class cache (JEP 483/514), trained by one start of the demo realm that stops
# as soon as the context is ready: a restart takes about 4 s instead of 8 (bench/startup.sh).
# Everything the training writes (throwaway dev keys, an H2 database) stays under /tmp/train and
# is deleted in the same step, so no key ever reaches a layer; realm-config is bind-mounted from
# the build context, not copied. The run must use the same JVM options as the training (a changed
# JAVA_OPTS or module option makes the JVM warn and start without the cache, as slowly as before).
RUN --mount=type=bind,source=realm-config,target=/tmp/train-realm-config \
    IDP_REALM_CONFIG=/tmp/train-realm-config IDP_KEYS_DIRECTORY=/tmp/train/keys IDP_KEYS_GENERATE_MISSING=true \
    IDP_DATABASE_URL=jdbc:h2:file:/tmp/train/data/thanglong-id \
    java $JAVA_OPTS -XX:AOTCacheOutput=application.aot --enable-native-access=ALL-UNNAMED \
      -Dspring.context.exit=onRefresh -jar application.jar \
 && rm -rf /tmp/train \
 && chmod 0644 application.aot

USER 10001:10001
EXPOSE 8080

# bash's /dev/tcp needs neither curl nor wget in the image. Liveness only: a database or
# Redis outage must not get the container restarted.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${IDP_PORT:-8080} && printf 'GET /actuator/health/liveness HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && IFS= read -r status <&3 && [[ $status == 'HTTP/1.1 200'* ]]"]

ENTRYPOINT ["bash", "-c", "exec java $JAVA_OPTS -XX:AOTCache=application.aot --enable-native-access=ALL-UNNAMED -jar application.jar \"$@\"", "--"]
