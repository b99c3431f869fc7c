package io.striate.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart {@code helm/striate}, proven by rendering it with real Helm (helm-java's native Helm) and parsing
 * every manifest into typed Kubernetes objects (fabric8 kubernetes-model): default values, a GPU + KEDA + ingress
 * consortium file and an HPA file ({@code helm/striate/ci/}).
 */
class HelmChartTest {
  private static final Path CHART = Path.of("helm/striate");
  private static final String RELEASE = "v1lab";
  private static final String NAMESPACE = "brain";
  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  @Test
  void chartLintsCleanly() {
    LintResult lint = new Helm(CHART).lint().strict().call();
    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
  }

  @Test
  void defaultValuesRenderAnApiTierAndACpuWorkerScopedToTheRelease() {
    List<HasMetadata> objects = render(null);
    assertThat(kinds(objects)).containsExactlyInAnyOrder("Secret", "PersistentVolumeClaim", "Deployment",
        "Deployment", "Service", "Service", "PodDisruptionBudget", "PodDisruptionBudget");
    objects.forEach(o -> assertThat(o.getMetadata().getName()).startsWith(RELEASE + "-striate"));
    objects.forEach(o -> assertThat(o.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/instance", RELEASE)
        .containsEntry("app.kubernetes.io/name", "striate")
        .containsEntry("app.kubernetes.io/managed-by", "Helm")
        .containsKey("helm.sh/chart"));

    Deployment api = deployment(objects, "api");
    Deployment worker = deployment(objects, "worker");
    assertThat(api.getSpec().getSelector().getMatchLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "app.kubernetes.io/name", "striate", "app.kubernetes.io/instance", RELEASE,
        "app.kubernetes.io/component", "api"));
    assertThat(api.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(api.getSpec().getSelector().getMatchLabels());
    assertThat(env(container(api), "STRIATE_ROLES")).isEqualTo("api");
    assertThat(env(container(worker), "STRIATE_ROLES")).isEqualTo("worker");
    assertThat(api.getSpec().getReplicas()).isEqualTo(2);
    assertThat(worker.getSpec().getReplicas()).isEqualTo(1);

    for (Deployment d : List.of(api, worker)) {
      PodSpec pod = d.getSpec().getTemplate().getSpec();
      Container c = container(d);
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(10001L);
      assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
      assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
      assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
      assertThat(c.getVolumeMounts()).extracting(m -> m.getMountPath())
          .containsExactlyInAnyOrder("/data", "/tmp", "/var/cache/djl");
      assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
      assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
      assertThat(c.getStartupProbe()).isNotNull();
      assertThat(c.getResources().getLimits()).containsKey("memory").doesNotContainKey("nvidia.com/gpu");
      assertThat(c.getEnv()).filteredOn(e -> e.getName().startsWith("SPRING_DATASOURCE"))
          .allSatisfy(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo(RELEASE + "-striate-secrets"));
      assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("data"))
          .singleElement().satisfies(v -> assertThat(v.getPersistentVolumeClaim().getClaimName())
              .isEqualTo(RELEASE + "-striate-data"));
    }
    // preflight accepts models of up to 8 GB: the API pod's limit must leave room for that plus the JVM
    assertThat(Quantity.getAmountInBytes(container(api).getResources().getLimits().get("memory")).longValue())
        .isGreaterThan(8L << 30);
    assertThat(container(worker).getImage()).isEqualTo(container(api).getImage()).isEqualTo("striate:0.1.0");

    Service service = only(objects, Service.class, s -> s.getSpec().getClusterIP() == null);
    assertThat(service.getSpec().getSelector()).containsEntry("app.kubernetes.io/component", "api")
        .containsEntry("app.kubernetes.io/instance", RELEASE);
    Secret secret = only(objects, Secret.class, s -> true);
    assertThat(secret.getStringData()).containsKeys("database-url", "database-username", "database-password")
        .as("no token given: the app mints one at first start").doesNotContainKey("admin-token");
    assertThat(only(objects, PersistentVolumeClaim.class, p -> true).getSpec().getAccessModes())
        .containsExactly("ReadWriteMany");
  }

  @Test
  void consortiumValuesRenderGpuWorkersOnTheirOwnImageScaledByKedaBehindAnIngress() {
    List<HasMetadata> objects = render(CHART.resolve("ci/gpu-autoscaling-ingress-values.yaml"));
    assertThat(kinds(objects)).doesNotContain("Secret").contains("Ingress", "ScaledObject", "ServiceMonitor")
        .doesNotContain("HorizontalPodAutoscaler");
    Deployment api = deployment(objects, "api");
    Deployment worker = deployment(objects, "worker");
    Container gpu = container(worker);
    assertThat(gpu.getImage()).isEqualTo("registry.example.org/striate-gpu:0.1.0-cu124");
    assertThat(container(api).getImage()).isEqualTo("registry.example.org/striate:0.1.0");
    assertThat(gpu.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("1"))
        .containsEntry("memory", new Quantity("24Gi"));
    assertThat(container(api).getResources().getLimits()).doesNotContainKey("nvidia.com/gpu");
    PodSpec pod = worker.getSpec().getTemplate().getSpec();
    assertThat(pod.getNodeSelector()).containsEntry("nvidia.com/gpu.present", "true");
    assertThat(pod.getTolerations()).singleElement().satisfies(t -> assertThat(t.getKey()).isEqualTo("nvidia.com/gpu"));
    assertThat(worker.getSpec().getReplicas()).as("the autoscaler owns the replica count").isNull();
    assertThat(env(gpu, "SPRING_DATASOURCE_URL")).isNull();
    assertThat(gpu.getEnv()).filteredOn(e -> e.getName().equals("STRIATE_ADMIN_TOKEN")).singleElement()
        .satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("striate-prod"));

    GenericKubernetesResource scaled = only(objects, GenericKubernetesResource.class,
        r -> r.getKind().equals("ScaledObject"));
    assertThat(scaled.getApiVersion()).isEqualTo("keda.sh/v1alpha1");
    Map<String, Object> spec = scaled.get("spec");
    assertThat(spec).containsEntry("minReplicaCount", 1).containsEntry("maxReplicaCount", 16);
    assertThat(((Map<?, ?>) spec.get("scaleTargetRef")).get("name")).isEqualTo(worker.getMetadata().getName());
    List<Map<String, Object>> triggers = scaled.get("spec", "triggers");
    assertThat(triggers).singleElement().satisfies(t -> {
      assertThat(t).containsEntry("type", "prometheus");
      assertThat(((Map<?, ?>) t.get("metadata")).get("query").toString()).contains("striate_queue_depth")
          .contains("namespace=\"" + NAMESPACE + "\"");
    });

    Ingress ingress = only(objects, Ingress.class, i -> true);
    assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
    assertThat(ingress.getSpec().getTls()).singleElement().satisfies(t -> assertThat(t.getSecretName()).isEqualTo("striate-tls"));
    assertThat(ingress.getSpec().getRules()).singleElement().satisfies(r -> {
      assertThat(r.getHost()).isEqualTo("v1.brain.example.org");
      assertThat(r.getHttp().getPaths().get(0).getBackend().getService().getName()).isEqualTo(RELEASE + "-striate");
    });
    GenericKubernetesResource monitor = only(objects, GenericKubernetesResource.class,
        r -> r.getKind().equals("ServiceMonitor"));
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
    List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
    assertThat(endpoints).singleElement().satisfies(e -> assertThat(e).containsEntry("path", "/actuator/prometheus"));
    assertThat(objects).filteredOn(o -> o instanceof PodDisruptionBudget).hasSize(2);
  }

  @Test
  void hpaValuesRenderAnAutoscalerOnTheQueueDepthMetricAndS3Artifacts() {
    List<HasMetadata> objects = render(CHART.resolve("ci/hpa-values.yaml"));
    HorizontalPodAutoscaler hpa = only(objects, HorizontalPodAutoscaler.class, h -> true);
    assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(deployment(objects, "worker").getMetadata().getName());
    assertThat(hpa.getSpec().getMetrics()).singleElement().satisfies(m -> {
      assertThat(m.getType()).isEqualTo("External");
      assertThat(m.getExternal().getMetric().getName()).isEqualTo("striate_queue_depth");
      assertThat(m.getExternal().getTarget().getAverageValue()).isEqualTo(new Quantity("4"));
    });
    assertThat(only(objects, Secret.class, s -> true).getStringData())
        .containsEntry("admin-token", "stk_ci-admin-token-0123456789abcdefghij");
    Container worker = container(deployment(objects, "worker"));
    assertThat(env(worker, "STRIATE_STORAGE_ARTIFACTS")).isEqualTo("s3");
    assertThat(env(worker, "STRIATE_STORAGE_S3_BUCKET")).isEqualTo("striate-artifacts");
    assertThat(env(worker, "STRIATE_STORAGE_S3_PATH_STYLE")).isEqualTo("true");
    assertThat(worker.getEnv()).filteredOn(e -> e.getName().equals("STRIATE_STORAGE_S3_SECRET_KEY")).singleElement()
        .satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("striate-s3"));
  }

  @Test
  void valuesThatBreakTheSchemaOrEnableTwoAutoscalersAreRefused() {
    assertThatThrownBy(() -> new Helm(CHART).template().withName(RELEASE).set("worker.concurrency", "0").call())
        .hasMessageContaining("concurrency");
    assertThatThrownBy(() -> new Helm(CHART).template().withName(RELEASE)
        .set("autoscaling.keda.enabled", "true").set("autoscaling.hpa.enabled", "true").call())
        .hasMessageContaining("at most one");
  }

  private static List<HasMetadata> render(Path valuesFile) {
    var template = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE);
    if (valuesFile != null) {
      template = template.withValuesFile(valuesFile);
    }
    return Arrays.stream(template.call().split("(?m)^---\\s*$"))
        .filter(doc -> doc.lines().anyMatch(l -> l.startsWith("kind:")))
        .map(doc -> (HasMetadata) YAML.unmarshal(doc))
        .toList();
  }

  private static List<String> kinds(List<HasMetadata> objects) {
    return objects.stream().map(HasMetadata::getKind).toList();
  }

  private static Deployment deployment(List<HasMetadata> objects, String component) {
    return only(objects, Deployment.class,
        d -> component.equals(d.getMetadata().getLabels().get("app.kubernetes.io/component")));
  }

  private static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> type,
      Predicate<T> filter) {
    List<T> matching = objects.stream().filter(type::isInstance).map(type::cast).filter(filter).toList();
    assertThat(matching).as(type.getSimpleName()).hasSize(1);
    return matching.get(0);
  }

  private static Container container(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static String env(Container container, String name) {
    return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
        .map(e -> e.getValue()).orElse(null);
  }
}
