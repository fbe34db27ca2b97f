CREATE TABLE "dossier_rating" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"service_point_code" text NOT NULL,
	"rating" text NOT NULL,
	"comment" text,
	"channel" text NOT NULL,
	"rated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "submission_draft_file" (
	"draft_id" uuid NOT NULL,
	"document_index" integer NOT NULL,
	"sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "submission_draft_file_draft_id_document_index_pk" PRIMARY KEY("draft_id","document_index")
);
--> statement-breakpoint
CREATE TABLE "submission_draft" (
	"id" uuid PRIMARY KEY NOT NULL,
	"session_hash" text NOT NULL,
	"procedure_code" text NOT NULL,
	"service_point_code" text,
	"applicant" jsonb,
	"return_method" text,
	"delivery_address" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"dossier_code" text
);
--> statement-breakpoint
CREATE TABLE "citizen_oidc_login" (
	"state" text PRIMARY KEY NOT NULL,
	"nonce" text NOT NULL,
	"code_verifier" text NOT NULL,
	"return_to" text DEFAULT '/' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "citizen_otp_challenge" (
	"id" uuid PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer NOT NULL,
	"return_to" text DEFAULT '/' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "citizen_session" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"csrf_token" text NOT NULL,
	"method" text NOT NULL,
	"email" text,
	"phone" text,
	"citizen_id" text,
	"full_name" text,
	"subject" text,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "dossier_rating" ADD CONSTRAINT "dossier_rating_dossier_id_dossier_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossier"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_draft_file" ADD CONSTRAINT "submission_draft_file_draft_id_submission_draft_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."submission_draft"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_draft_file" ADD CONSTRAINT "submission_draft_file_sha256_stored_file_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."stored_file"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dossier_rating_dossier_uq" ON "dossier_rating" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "dossier_rating_sp_rated_idx" ON "dossier_rating" USING btree ("service_point_code","rated_at");--> statement-breakpoint
CREATE INDEX "submission_draft_session_idx" ON "submission_draft" USING btree ("session_hash");--> statement-breakpoint
CREATE INDEX "citizen_otp_challenge_recipient_idx" ON "citizen_otp_challenge" USING btree ("recipient","created_at");--> statement-breakpoint
CREATE INDEX "citizen_session_expires_idx" ON "citizen_session" USING btree ("expires_at") WHERE ended_at IS NULL;