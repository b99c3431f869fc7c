{{/* Chart name, overridable with nameOverride. */}}
{{- define "striate.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Release-scoped base name: <release>-<chart> unless the release name already contains the chart name. */}}
{{- define "striate.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Labels on every object. */}}
{{- define "striate.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "striate.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: striate
{{- end -}}

{{/* Selector labels of one component (api or worker); scoped to the release. Call with (dict "ctx" . "component" "api"). */}}
{{- define "striate.selectorLabels" -}}
app.kubernetes.io/name: {{ include "striate.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* The image of a component: its own repository/tag when set, else the chart-wide image. */}}
{{- define "striate.image" -}}
{{- $img := .image | default dict -}}
{{- $repo := $img.repository | default .ctx.Values.image.repository -}}
{{- $tag := $img.tag | default .ctx.Values.image.tag | default .ctx.Chart.AppVersion -}}
{{- printf "%s:%s" $repo $tag -}}
{{- end -}}

{{- define "striate.secretName" -}}
{{- .Values.secrets.existingSecret | default (printf "%s-secrets" (include "striate.fullname" .)) -}}
{{- end -}}

{{- define "striate.pvcName" -}}
{{- .Values.storage.existingClaim | default (printf "%s-data" (include "striate.fullname" .)) -}}
{{- end -}}

{{/* Environment shared by API and workers: database and admin token from the Secret, storage on the shared volume. */}}
{{- define "striate.env" -}}
- name: SPRING_DATASOURCE_URL
  valueFrom: {secretKeyRef: {name: {{ include "striate.secretName" . }}, key: database-url}}
- name: SPRING_DATASOURCE_USERNAME
  valueFrom: {secretKeyRef: {name: {{ include "striate.secretName" . }}, key: database-username}}
- name: SPRING_DATASOURCE_PASSWORD
  valueFrom: {secretKeyRef: {name: {{ include "striate.secretName" . }}, key: database-password}}
- name: STRIATE_ADMIN_TOKEN
  valueFrom: {secretKeyRef: {name: {{ include "striate.secretName" . }}, key: admin-token, optional: true}}
- name: STRIATE_STORAGE_DIR
  value: /data
- name: DJL_CACHE_DIR
  value: /var/cache/djl
- name: JAVA_TOOL_OPTIONS
  value: {{ printf "-XX:MaxRAMPercentage=%v -Djava.io.tmpdir=/tmp" .Values.jvm.maxRamPercentage | quote }}
{{- if .Values.s3.enabled }}
- name: STRIATE_STORAGE_ARTIFACTS
  value: s3
- name: STRIATE_STORAGE_S3_BUCKET
  value: {{ required "s3.bucket is required when s3.enabled" .Values.s3.bucket | quote }}
- name: STRIATE_STORAGE_S3_ENDPOINT
  value: {{ .Values.s3.endpoint | quote }}
- name: STRIATE_STORAGE_S3_REGION
  value: {{ .Values.s3.region | quote }}
- name: STRIATE_STORAGE_S3_PATH_STYLE
  value: {{ .Values.s3.pathStyle | quote }}
{{- with .Values.s3.credentialsSecret }}
- name: STRIATE_STORAGE_S3_ACCESS_KEY
  valueFrom: {secretKeyRef: {name: {{ . }}, key: access-key}}
- name: STRIATE_STORAGE_S3_SECRET_KEY
  valueFrom: {secretKeyRef: {name: {{ . }}, key: secret-key}}
{{- end }}
{{- end }}
{{- range $k, $v := .Values.extraEnv }}
- name: {{ $k }}
  value: {{ $v | quote }}
{{- end }}
{{- end -}}

{{/* Pod-level security: non-root, fsGroup so the shared volume is writable, default seccomp. */}}
{{- define "striate.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
fsGroup: {{ .Values.securityContext.fsGroup }}
seccompProfile: {type: RuntimeDefault}
{{- end -}}

{{/* Container-level security: read-only root filesystem (tmp and the DJL cache are emptyDirs), no privileges. */}}
{{- define "striate.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities: {drop: [ALL]}
{{- end -}}

{{- define "striate.volumeMounts" -}}
- {name: data, mountPath: /data}
- {name: tmp, mountPath: /tmp}
- {name: djl-cache, mountPath: /var/cache/djl}
{{- end -}}

{{- define "striate.volumes" -}}
- name: data
  persistentVolumeClaim: {claimName: {{ include "striate.pvcName" . }}}
- name: tmp
  emptyDir: {sizeLimit: {{ .Values.tmpSizeLimit }}}
- name: djl-cache
  emptyDir: {}
{{- end -}}
