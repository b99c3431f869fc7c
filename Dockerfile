# Striate CPU image: API and scoring worker in one image, the role chosen with STRIATE_ROLES (api, worker or both).
#   docker build -t striate .
# GPU workers use Dockerfile.gpu (CUDA 12.4 runtime base + the cu124 natives of the `gpu` Maven profile).
# The image never contains the embedded PostgreSQL (Maven profile `image`): set SPRING_DATASOURCE_URL.
FROM maven:3.9-eclipse-temurin-17 AS build
ARG MAVEN_PROFILES="image"
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline -P${MAVEN_PROFILES}
COPY src src
COPY db-migrations db-migrations
RUN mvn -B -q package -DskipTests -P${MAVEN_PROFILES} && cp target/striate-*.jar /striate.jar \
 && mkdir /layers && cd /layers && java -Djarmode=tools -jar /striate.jar extract --layers --launcher --destination .

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 striate && useradd --system --uid 10001 --gid 10001 striate \
 && mkdir -p /data /var/cache/djl && chown striate:striate /data /var/cache/djl
WORKDIR /app
# dependencies first (the largest, rarely changing layer: DJL + PyTorch natives), the application last
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER 10001:10001
ENV STRIATE_STORAGE_DIR=/data DJL_CACHE_DIR=/var/cache/djl DJL_OFFLINE=true OPT_OUT_TRACKING=true
EXPOSE 8080
VOLUME ["/data"]
# heap bounded to 40% of the container's memory: the rest is PyTorch's native memory (tensors, activations)
ENTRYPOINT ["java", "-Dai.djl.offline=true", "-XX:MaxRAMPercentage=40", "-XX:+ExitOnOutOfMemoryError", \
            "org.springframework.boot.loader.launch.JarLauncher"]
