ALTER TABLE "oci_manifests" ADD COLUMN "artifact_type" text;--> statement-breakpoint
ALTER TABLE "oci_manifests" ADD COLUMN "annotations" jsonb;