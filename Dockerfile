# Striate: API + scoring worker in one image (roles chosen with STRIATE_ROLES).
# Build:  docker build -t striate .
# GPU workers: build with --build-arg MAVEN_PROFILES=gpu (CUDA 12.4 natives, 2.4 GB) and run with --gpus all.
FROM maven:3.9-eclipse-temurin-17 AS build
ARG MAVEN_PROFILES=""
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline ${MAVEN_PROFILES:+-P$MAVEN_PROFILES}
COPY src src
COPY db-migrations db-migrations
RUN mvn -B -q package -DskipTests ${MAVEN_PROFILES:+-P$MAVEN_PROFILES} && cp target/striate-*.jar /striate.jar

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 striate && mkdir -p /data /var/cache/djl && chown striate /data /var/cache/djl
COPY --from=build /striate.jar /app/striate.jar
USER striate
ENV STRIATE_STORAGE_DIR=/data DJL_CACHE_DIR=/var/cache/djl DJL_OFFLINE=true OPT_OUT_TRACKING=true
EXPOSE 8080
VOLUME ["/data"]
HEALTHCHECK CMD wget -qO- http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-Dai.djl.offline=true", "-XX:MaxRAMPercentage=75", "-jar", "/app/striate.jar"]
