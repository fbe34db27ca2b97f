CREATE TABLE "dossier_code_sequence" (
	"service_point_code" text NOT NULL,
	"local_date" date NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "dossier_code_sequence_service_point_code_local_date_pk" PRIMARY KEY("service_point_code","local_date")
);
--> statement-breakpoint
CREATE TABLE "dossier_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" text,
	"actor_label" text NOT NULL,
	"actor_name" text NOT NULL,
	"data" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossier_fee" (
	"dossier_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"name" text NOT NULL,
	"amount_vnd" bigint NOT NULL,
	"paid_at" timestamp with time zone,
	"method" text,
	"receipt_number" text,
	CONSTRAINT "dossier_fee_dossier_id_seq_pk" PRIMARY KEY("dossier_id","seq")
);
--> statement-breakpoint
CREATE TABLE "dossier_file" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"document_index" integer NOT NULL,
	"sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	"uploaded_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossier_handover" (
	"dossier_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"giver" jsonb NOT NULL,
	"receiver" jsonb NOT NULL,
	"step_name" text NOT NULL,
	"step_due_at" timestamp with time zone,
	"result" text,
	"note" text,
	CONSTRAINT "dossier_handover_dossier_id_seq_pk" PRIMARY KEY("dossier_id","seq")
);
--> statement-breakpoint
CREATE TABLE "dossier_intake_record" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"service_point_code" text NOT NULL,
	"service_point" jsonb NOT NULL,
	"procedure_version_id" text NOT NULL,
	"procedure_code" text NOT NULL,
	"procedure_name" text NOT NULL,
	"agency_code" text NOT NULL,
	"channel" text NOT NULL,
	"applicant" jsonb NOT NULL,
	"missing" jsonb NOT NULL,
	"reason" text,
	"actor_id" text,
	"actor_label" text NOT NULL,
	"actor_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossier_suspension" (
	"dossier_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"resumed_at" timestamp with time zone,
	"reason" text NOT NULL,
	"items" jsonb NOT NULL,
	"requested_by" jsonb NOT NULL,
	"resumed_by" jsonb,
	CONSTRAINT "dossier_suspension_dossier_id_seq_pk" PRIMARY KEY("dossier_id","seq")
);
--> statement-breakpoint
CREATE TABLE "dossier" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"status" text NOT NULL,
	"version" integer NOT NULL,
	"channel" text NOT NULL,
	"procedure_version_id" text NOT NULL,
	"procedure_code" text NOT NULL,
	"procedure_version" integer NOT NULL,
	"procedure" jsonb NOT NULL,
	"field" text NOT NULL,
	"service_point_code" text NOT NULL,
	"service_point" jsonb NOT NULL,
	"agency_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"unit_ancestors" text[] NOT NULL,
	"applicant_kind" text NOT NULL,
	"applicant" jsonb NOT NULL,
	"applicant_name" text NOT NULL,
	"phone_last4" text NOT NULL,
	"lookup_token_hash" text,
	"documents" jsonb NOT NULL,
	"return_method" text NOT NULL,
	"delivery_address" text,
	"code_on" date NOT NULL,
	"submitted_at" timestamp with time zone,
	"received_at" timestamp with time zone,
	"received_on" date,
	"received_by" jsonb,
	"effective_start_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"original_due_at" timestamp with time zone,
	"calendar_rule" jsonb,
	"processing_ended_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"supplement_count" integer DEFAULT 0 NOT NULL,
	"extension_count" integer DEFAULT 0 NOT NULL,
	"apologies" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"closing" jsonb,
	"result" jsonb,
	"return_info" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stored_file" (
	"sha256" text PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dossier_event" ADD CONSTRAINT "dossier_event_dossier_id_dossier_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossier"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_fee" ADD CONSTRAINT "dossier_fee_dossier_id_dossier_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossier"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_file" ADD CONSTRAINT "dossier_file_dossier_id_dossier_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossier"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_file" ADD CONSTRAINT "dossier_file_sha256_stored_file_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."stored_file"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_handover" ADD CONSTRAINT "dossier_handover_dossier_id_dossier_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossier"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_suspension" ADD CONSTRAINT "dossier_suspension_dossier_id_dossier_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossier"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dossier_event_seq_uq" ON "dossier_event" USING btree ("dossier_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "dossier_file_uq" ON "dossier_file" USING btree ("dossier_id","document_index","sha256");--> statement-breakpoint
CREATE INDEX "dossier_intake_record_sp_idx" ON "dossier_intake_record" USING btree ("service_point_code","at");--> statement-breakpoint
CREATE UNIQUE INDEX "dossier_code_uq" ON "dossier" USING btree ("code");--> statement-breakpoint
CREATE INDEX "dossier_sp_received_idx" ON "dossier" USING btree ("service_point_code","received_on");--> statement-breakpoint
CREATE INDEX "dossier_agency_status_idx" ON "dossier" USING btree ("agency_code","status");--> statement-breakpoint
CREATE INDEX "dossier_status_due_idx" ON "dossier" USING btree ("status","due_at");