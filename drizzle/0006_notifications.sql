CREATE TABLE "notification_message" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"outbox_id" bigint NOT NULL,
	"topic" text NOT NULL,
	"dossier_code" text,
	"service_point_code" text,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"template" text NOT NULL,
	"language" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"html" text,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"provider_message_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "notification_message_event_uq" ON "notification_message" USING btree ("outbox_id","channel","recipient","template");--> statement-breakpoint
CREATE INDEX "notification_message_due_idx" ON "notification_message" USING btree ("next_attempt_at") WHERE status = 'queued';--> statement-breakpoint
CREATE INDEX "notification_message_status_idx" ON "notification_message" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "notification_message_dossier_idx" ON "notification_message" USING btree ("dossier_code");