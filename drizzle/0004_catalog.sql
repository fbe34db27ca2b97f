CREATE TABLE "procedure_version" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"name" text NOT NULL,
	"field" text NOT NULL,
	"agency_code" text NOT NULL,
	"levels" jsonb NOT NULL,
	"online_level" text NOT NULL,
	"postal_send" boolean NOT NULL,
	"postal_receive" boolean NOT NULL,
	"one_stop" boolean NOT NULL,
	"generated" boolean DEFAULT false NOT NULL,
	"document" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "procedure_version_code_version_uq" ON "procedure_version" USING btree ("code","version");--> statement-breakpoint
CREATE INDEX "procedure_version_status_idx" ON "procedure_version" USING btree ("status");