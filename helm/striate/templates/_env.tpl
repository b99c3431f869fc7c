{{- define "striate.env" -}}
- name: SPRING_DATASOURCE_URL
  value: {{ .Values.database.url | quote }}
- name: SPRING_DATASOURCE_USERNAME
  value: {{ .Values.database.username | quote }}
- name: SPRING_DATASOURCE_PASSWORD
  valueFrom: {secretKeyRef: {name: {{ .Values.database.existingSecret }}, key: password}}
- name: STRIATE_ADMIN_TOKEN
  valueFrom: {secretKeyRef: {name: {{ .Values.adminTokenSecret }}, key: token}}
- name: STRIATE_STORAGE_DIR
  value: /data
{{- end -}}
