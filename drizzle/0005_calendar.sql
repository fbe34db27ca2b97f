CREATE TABLE "calendar_year" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"revision" integer NOT NULL,
	"status" text NOT NULL,
	"source" jsonb NOT NULL,
	"days_off" jsonb NOT NULL,
	"working_days" jsonb NOT NULL,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "calendar_year_status_ck" CHECK ("calendar_year"."status" in ('official', 'estimated')),
	CONSTRAINT "calendar_year_revision_ck" CHECK ("calendar_year"."revision" >= 1)
);
--> statement-breakpoint
CREATE TABLE "working_schedule" (
	"id" serial PRIMARY KEY NOT NULL,
	"service_point_code" text,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"periods" jsonb NOT NULL,
	"saturday_morning_receiving" boolean DEFAULT false NOT NULL,
	"standard_day_minutes" integer DEFAULT 480 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_year_year_revision_uq" ON "calendar_year" USING btree ("year","revision");--> statement-breakpoint
CREATE INDEX "working_schedule_service_point_idx" ON "working_schedule" USING btree ("service_point_code","valid_from");--> statement-breakpoint
-- Calendar revisions and schedule versions are append-only: a change is a new row, so the data a
-- dossier was computed with stays readable (hand-added below the generated DDL).
CREATE TRIGGER calendar_year_append_only BEFORE UPDATE OR DELETE ON calendar_year
  FOR EACH ROW EXECUTE FUNCTION motcua_forbid_change();
--> statement-breakpoint
CREATE TRIGGER working_schedule_append_only BEFORE UPDATE OR DELETE ON working_schedule
  FOR EACH ROW EXECUTE FUNCTION motcua_forbid_change();
