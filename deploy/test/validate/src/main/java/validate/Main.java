package validate;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks the manifests in deploy/kubernetes and deploy/cloudrun (README, Deploying).
 *
 * <pre>
 *   validate check FILE...    every document parsed strictly against the Kubernetes OpenAPI
 *                             schema, then what the README promises of it; one line per
 *                             check ("ok:" or "FAIL:"), then "N passed, N failed"; exit
 *                             status 1 if any failed
 *   validate facts FILE       the first container's port, env, probes, limits and grace
 *                             period, one per line, for deploy/test/*.sh
 * </pre>
 *
 * The schema is the one the official Kubernetes Java client's models are generated from
 * (Kubernetes 1.32): each model's {@code validateJsonElement} rejects unknown fields, wrong
 * types and missing required fields, as {@code kubectl --validate=strict} does. Cloud Run's
 * Knative Service is not in that schema: its metadata, containers and volumes are checked as
 * the Kubernetes types Knative embeds, the rest against Knative's RevisionSpec field list.
 */
public final class Main {

    /** Knative serving v1 RevisionSpec: the PodSpec subset plus Knative's own fields. */
    private static final Set<String> REVISION_SPEC = Set.of(
            "containers", "volumes", "serviceAccountName", "imagePullSecrets", "enableServiceLinks",
            "nodeSelector", "runtimeClassName", "containerConcurrency", "timeoutSeconds",
            "responseStartTimeoutSeconds", "idleTimeoutSeconds", "automountServiceAccountToken");

    private static final double CLOUD_RUN_STOP_SECONDS = 10;

    private final List<String> passed = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();
    private final Map<String, JsonObject> deployments = new LinkedHashMap<>();

    private Main() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 2 && args[0].equals("check")) {
            Main main = new Main();
            for (int i = 1; i < args.length; i++) {
                main.checkFile(Path.of(args[i]));
            }
            main.passed.forEach(line -> System.out.println("ok: " + line));
            main.failed.forEach(line -> System.out.println("FAIL: " + line));
            System.out.println(main.passed.size() + " passed, " + main.failed.size() + " failed");
            System.exit(main.failed.isEmpty() ? 0 : 1);
        } else if (args.length == 2 && args[0].equals("facts")) {
            for (JsonObject doc : load(Path.of(args[1]))) {
                JsonObject spec = podSpec(doc);
                if (spec != null) {
                    facts(doc, spec).forEach(System.out::println);
                    return;
                }
            }
            System.err.println("error: " + args[1] + ": no Deployment or Knative Service in it");
            System.exit(2);
        } else {
            System.err.println("usage: validate check FILE... | validate facts FILE");
            System.exit(2);
        }
    }

    private static List<JsonObject> load(Path file) throws IOException {
        List<JsonObject> docs = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                if (doc != null) {
                    docs.add(new Gson().toJsonTree(doc).getAsJsonObject());
                }
            }
        }
        return docs;
    }

    private void checkFile(Path file) throws IOException {
        for (JsonObject doc : load(file)) {
            String type = str(doc, "apiVersion") + " " + str(doc, "kind");
            String name = file + ": " + str(doc, "kind") + " " + str(get(doc, "metadata"), "name");
            try {
                switch (type) {
                    case "apps/v1 Deployment" -> {
                        V1Deployment.validateJsonElement(doc);
                        deployments.put(str(get(doc, "metadata"), "name"), doc);
                    }
                    case "v1 Service" -> V1Service.validateJsonElement(doc);
                    case "autoscaling/v2 HorizontalPodAutoscaler" -> V2HorizontalPodAutoscaler.validateJsonElement(doc);
                    case "policy/v1 PodDisruptionBudget" -> V1PodDisruptionBudget.validateJsonElement(doc);
                    case "serving.knative.dev/v1 Service" -> knative(doc);
                    case "kustomize.config.k8s.io/v1beta1 Kustomization" -> {
                        for (JsonElement resource : arr(doc, "resources")) {
                            check(name, "lists " + resource.getAsString(),
                                    Files.exists(file.resolveSibling(resource.getAsString())));
                        }
                        continue;
                    }
                    default -> throw new IllegalArgumentException("unexpected kind " + type);
                }
                check(name, "matches the Kubernetes OpenAPI schema (strict)", true);
            } catch (IllegalArgumentException | IOException | IllegalStateException e) {
                // the client's messages end with the whole object as JSON: the field names it
                check(name, "matches the Kubernetes OpenAPI schema (strict): " + e.getMessage().split(" JSON: ")[0], false);
                continue;
            }
            promises(name, doc);
        }
    }

    private static void knative(JsonObject doc) throws IOException {
        only(doc, "Service", Set.of("apiVersion", "kind", "metadata", "spec"));
        V1ObjectMeta.validateJsonElement(doc.get("metadata"));
        JsonObject spec = obj(doc, "spec");
        only(spec, "spec", Set.of("template", "traffic"));
        JsonObject template = obj(spec, "template");
        only(template, "spec.template", Set.of("metadata", "spec"));
        if (template.has("metadata")) {
            V1ObjectMeta.validateJsonElement(template.get("metadata"));
        }
        JsonObject revision = obj(template, "spec");
        only(revision, "spec.template.spec (RevisionSpec)", REVISION_SPEC);
        for (JsonElement c : arr(revision, "containers")) {
            V1Container.validateJsonElement(c);
        }
        for (JsonElement v : arr(revision, "volumes")) {
            V1Volume.validateJsonElement(v);
        }
    }

    private static void only(JsonObject o, String where, Set<String> allowed) {
        for (String key : o.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("the field `" + key + "` is not defined in " + where);
            }
        }
    }

    /** What README, Deploying says the manifests do. */
    private void promises(String name, JsonObject doc) {
        String kind = str(doc, "kind");
        JsonObject pod = podSpec(doc);
        if (pod != null) {
            JsonObject c = arr(pod, "containers").get(0).getAsJsonObject();
            Map<String, String> env = env(c);
            String liveness = env.getOrDefault("LIVENESS_PATH", "/livez");
            String readiness = env.getOrDefault("READINESS_PATH", "/readyz");
            boolean cloudRun = doc.get("apiVersion").getAsString().startsWith("serving.knative.dev/");
            check(name, "startup probe on " + liveness, probePath(c, "startupProbe", liveness));
            check(name, "liveness probe on " + liveness, probePath(c, "livenessProbe", liveness));
            if (!cloudRun) {
                check(name, "readiness probe on " + readiness, probePath(c, "readinessProbe", readiness));
            }
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                JsonElement port = get(get(get(c, probe), "httpGet"), "port");
                if (port != null) {
                    check(name, probe + " port " + port.getAsString() + " is a container port",
                            containerPort(c, port.getAsString()) != null);
                }
            }
            double stop = seconds(env, "SHUTDOWN_DELAY", 0) + seconds(env, "GRACEFUL_TIMEOUT", 30);
            if (cloudRun) {
                check(name, "SHUTDOWN_DELAY + GRACEFUL_TIMEOUT = " + stop + " s fits in Cloud Run's 10 s before SIGKILL",
                        stop < CLOUD_RUN_STOP_SECONDS);
                check(name, "containerConcurrency set", pod.has("containerConcurrency"));
                check(name, "startup CPU boost", "true".equals(str(get(get(get(doc, "spec"), "template"), "metadata")
                        .getAsJsonObject().getAsJsonObject("annotations"), "run.googleapis.com/startup-cpu-boost")));
                check(name, "port named h2c (HTTP/2 end to end)", "h2c".equals(str(arr(c, "ports").get(0).getAsJsonObject(), "name")));
                check(name, "CPU and memory limits", has(c, "resources", "limits", "cpu") && has(c, "resources", "limits", "memory"));
            } else {
                JsonElement grace = pod.get("terminationGracePeriodSeconds");
                check(name, "terminationGracePeriodSeconds " + grace + " covers SHUTDOWN_DELAY + GRACEFUL_TIMEOUT = " + stop,
                        grace != null && grace.getAsDouble() >= stop);
                check(name, "CPU and memory requests and limits", has(c, "resources", "requests", "cpu")
                        && has(c, "resources", "requests", "memory") && has(c, "resources", "limits", "cpu")
                        && has(c, "resources", "limits", "memory"));
                check(name, "runs as non-root", bool(get(pod, "securityContext"), "runAsNonRoot")
                        || bool(get(c, "securityContext"), "runAsNonRoot"));
                check(name, "read-only root file system", bool(get(c, "securityContext"), "readOnlyRootFilesystem"));
                check(name, "no privilege escalation", get(get(c, "securityContext"), "allowPrivilegeEscalation") != null
                        && !bool(get(c, "securityContext"), "allowPrivilegeEscalation"));
                check(name, "all capabilities dropped", arr(get(get(c, "securityContext"), "capabilities"), "drop")
                        .contains(new Gson().toJsonTree("ALL")));
                check(name, "an emptyDir at /tmp", emptyDirAtTmp(pod, c));
            }
        }
        if (kind.equals("HorizontalPodAutoscaler")) {
            String target = str(get(get(doc, "spec"), "scaleTargetRef"), "name");
            check(name, "scales Deployment " + target + " of these manifests", deployments.containsKey(target));
        }
        if (kind.equals("PodDisruptionBudget") || (kind.equals("Service") && !doc.get("apiVersion").getAsString().contains("knative"))) {
            JsonObject spec = obj(doc, "spec");
            JsonElement selector = kind.equals("Service") ? spec.get("selector") : get(spec.get("selector"), "matchLabels");
            boolean matches = deployments.values().stream().anyMatch(d -> {
                JsonElement labels = get(get(get(get(d, "spec"), "template"), "metadata"), "labels");
                return labels != null && selector != null && selector.getAsJsonObject().entrySet().stream()
                        .allMatch(e -> e.getValue().equals(labels.getAsJsonObject().get(e.getKey())));
            });
            check(name, "selects the Deployment's pods", matches);
            if (kind.equals("Service")) {
                for (JsonElement p : arr(spec, "ports")) {
                    String targetPort = str(p.getAsJsonObject(), "targetPort");
                    boolean found = deployments.values().stream().anyMatch(d -> containerPort(
                            arr(podSpec(d), "containers").get(0).getAsJsonObject(), targetPort) != null);
                    check(name, "targetPort " + targetPort + " is a container port", found);
                }
            }
        }
    }

    private static List<String> facts(JsonObject doc, JsonObject pod) {
        List<String> lines = new ArrayList<>();
        JsonObject c = arr(pod, "containers").get(0).getAsJsonObject();
        JsonObject port = arr(c, "ports").get(0).getAsJsonObject();
        lines.add("port " + port.get("containerPort").getAsString());
        env(c).forEach((k, v) -> lines.add("env " + k + "=" + v));
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            JsonObject p = (JsonObject) get(c, probe);
            if (p != null) {
                lines.add(String.join(" ", "probe", probe, str(get(p, "httpGet"), "path"),
                        containerPort(c, get(get(p, "httpGet"), "port").getAsString()),
                        num(p, "periodSeconds", 10), num(p, "failureThreshold", 3), num(p, "timeoutSeconds", 1)));
            }
        }
        JsonElement limits = get(get(c, "resources"), "limits");
        if (limits != null) {
            limits.getAsJsonObject().entrySet().forEach(e -> lines.add("limit " + e.getKey() + " " + e.getValue().getAsString()));
        }
        boolean cloudRun = doc.get("apiVersion").getAsString().startsWith("serving.knative.dev/");
        lines.add("grace " + (cloudRun ? String.valueOf((int) CLOUD_RUN_STOP_SECONDS)
                : num(pod, "terminationGracePeriodSeconds", 30)));
        return lines;
    }

    private static JsonObject podSpec(JsonObject doc) {
        String type = str(doc, "apiVersion") + " " + str(doc, "kind");
        if (type.equals("apps/v1 Deployment") || type.equals("serving.knative.dev/v1 Service")) {
            return (JsonObject) get(get(get(doc, "spec"), "template"), "spec");
        }
        return null;
    }

    private static Map<String, String> env(JsonObject container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonElement e : arr(container, "env")) {
            env.put(str(e.getAsJsonObject(), "name"), str(e.getAsJsonObject(), "value"));
        }
        return env;
    }

    /** The container port a probe or Service names, by name or number; null if none. */
    private static String containerPort(JsonObject container, String nameOrNumber) {
        for (JsonElement p : arr(container, "ports")) {
            JsonObject port = p.getAsJsonObject();
            String number = port.get("containerPort").getAsString();
            if (nameOrNumber.equals(number) || nameOrNumber.equals(str(port, "name"))) {
                return number;
            }
        }
        return null;
    }

    private static boolean probePath(JsonObject container, String probe, String path) {
        return path.equals(str(get(get(container, probe), "httpGet"), "path"));
    }

    private static boolean emptyDirAtTmp(JsonObject pod, JsonObject container) {
        for (JsonElement m : arr(container, "volumeMounts")) {
            if ("/tmp".equals(str(m.getAsJsonObject(), "mountPath"))) {
                String volume = str(m.getAsJsonObject(), "name");
                for (JsonElement v : arr(pod, "volumes")) {
                    if (volume.equals(str(v.getAsJsonObject(), "name")) && v.getAsJsonObject().has("emptyDir")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static double seconds(Map<String, String> env, String name, double otherwise) {
        String value = env.get(name);
        return value == null ? otherwise : Double.parseDouble(value);
    }

    private void check(String name, String what, boolean ok) {
        (ok ? passed : failed).add(name + ": " + what);
    }

    private static JsonElement get(JsonElement o, String key) {
        return o != null && o.isJsonObject() ? o.getAsJsonObject().get(key) : null;
    }

    private static JsonObject obj(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonObject()) {
            throw new IllegalArgumentException("the required field `" + key + "` is missing");
        }
        return e.getAsJsonObject();
    }

    private static JsonArray arr(JsonElement o, String key) {
        JsonElement e = get(o, key);
        return e != null && e.isJsonArray() ? e.getAsJsonArray() : new JsonArray();
    }

    private static String str(JsonElement o, String key) {
        JsonElement e = get(o, key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    private static String num(JsonElement o, String key, int otherwise) {
        JsonElement e = get(o, key);
        return e != null ? e.getAsString() : String.valueOf(otherwise);
    }

    private static boolean bool(JsonElement o, String key) {
        JsonElement e = get(o, key);
        return e != null && e.isJsonPrimitive() && e.getAsBoolean();
    }

    private static boolean has(JsonElement o, String... path) {
        JsonElement e = o;
        for (String key : path) {
            e = get(e, key);
        }
        return e != null;
    }
}
