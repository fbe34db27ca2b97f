CREATE TABLE "feedback_day_counter" (
	"day" date PRIMARY KEY NOT NULL,
	"last_no" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_deadline_rule" (
	"id" serial PRIMARY KEY NOT NULL,
	"step" text NOT NULL,
	"value" integer NOT NULL,
	"unit" text NOT NULL,
	"valid_from" date NOT NULL,
	"source" text NOT NULL,
	"verified" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_item" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"content" text NOT NULL,
	"dossier_code" text,
	"service_point_code" text NOT NULL,
	"dossier_agency_code" text,
	"status" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_email" text,
	"contact_phone" text,
	"language" text DEFAULT 'vi' NOT NULL,
	"follow_up_token_hash" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"received_on" date NOT NULL,
	"assigned_agency_code" text,
	"assigned_at" timestamp with time zone,
	"info_requested_at" timestamp with time zone,
	"info_request" text,
	"info_provided_at" timestamp with time zone,
	"info_provided" text,
	"rejected_at" timestamp with time zone,
	"rejection_reason" text,
	"answered_at" timestamp with time zone,
	"answer" text,
	"answered_by" text,
	"published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"reject_due_at" timestamp with time zone NOT NULL,
	"request_info_due_at" timestamp with time zone NOT NULL,
	"answer_due_at" timestamp with time zone,
	"publish_due_at" timestamp with time zone,
	"answered_on_time" boolean,
	"published_on_time" boolean,
	"deadline_rules" jsonb NOT NULL,
	"calendar_rule" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_rating" (
	"id" serial PRIMARY KEY NOT NULL,
	"feedback_id" uuid NOT NULL,
	"rater_hash" text NOT NULL,
	"rating" text NOT NULL,
	"rated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "feedback_rating" ADD CONSTRAINT "feedback_rating_feedback_id_feedback_item_id_fk" FOREIGN KEY ("feedback_id") REFERENCES "public"."feedback_item"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_deadline_rule_step_from_uq" ON "feedback_deadline_rule" USING btree ("step","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_item_reference_uq" ON "feedback_item" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "feedback_item_sp_status_idx" ON "feedback_item" USING btree ("service_point_code","status");--> statement-breakpoint
CREATE INDEX "feedback_item_agency_idx" ON "feedback_item" USING btree ("assigned_agency_code");--> statement-breakpoint
CREATE INDEX "feedback_item_published_idx" ON "feedback_item" USING btree ("service_point_code","published_at") WHERE status = 'published';--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_rating_rater_uq" ON "feedback_rating" USING btree ("feedback_id","rater_hash");--> statement-breakpoint
-- Seed: the operational PAKN deadlines of the QĐ 766 index 5.2 (DOMAIN.md §3, [V] vietjack formula);
-- their own legal source is unverified, so they are data (effective-dated), not code. New rules: new rows.
INSERT INTO "feedback_deadline_rule" ("step", "value", "unit", "valid_from", "source", "verified") VALUES
	('reject', 2, 'working_days', '2022-06-23', 'QĐ 766/QĐ-TTg chỉ số 5.2 (công thức DVCQG); căn cứ gốc chưa kiểm chứng', false),
	('request_info', 5, 'working_days', '2022-06-23', 'QĐ 766/QĐ-TTg chỉ số 5.2 (công thức DVCQG); căn cứ gốc chưa kiểm chứng', false),
	('answer', 15, 'working_days', '2022-06-23', 'QĐ 766/QĐ-TTg chỉ số 5.2 (công thức DVCQG); căn cứ gốc chưa kiểm chứng', false),
	('publish', 2, 'working_days', '2022-06-23', 'QĐ 766/QĐ-TTg chỉ số 5.2 (công thức DVCQG); căn cứ gốc chưa kiểm chứng', false);
