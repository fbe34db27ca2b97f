CREATE SEQUENCE "public"."postal_serial_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 99999999 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "postal_cash_entry" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"courier_id" text NOT NULL,
	"courier_username" text NOT NULL,
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"category" text,
	"amount_vnd" bigint NOT NULL,
	"item_id" uuid,
	"service_point_code" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"recorded_by" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "postal_item_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_id" text,
	"actor_username" text NOT NULL,
	"actor_name" text NOT NULL,
	"holder_kind" text NOT NULL,
	"holder_ref" text,
	"holder_name" text,
	"place" text,
	"data" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "postal_item" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tracking_number" text NOT NULL,
	"request_id" uuid NOT NULL,
	"leg" text NOT NULL,
	"status" text NOT NULL,
	"version" integer NOT NULL,
	"service_point_code" text NOT NULL,
	"service_point_name" text NOT NULL,
	"dossier_code" text,
	"commune_code" text NOT NULL,
	"unit_ancestors" text[] NOT NULL,
	"address" jsonb NOT NULL,
	"window" jsonb,
	"weight_grams" integer NOT NULL,
	"zone" text NOT NULL,
	"tariff_id" integer,
	"postage_vnd" bigint NOT NULL,
	"fees_vnd" bigint NOT NULL,
	"cod_vnd" bigint NOT NULL,
	"courier_id" text,
	"courier_username" text,
	"courier_name" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"guided" boolean DEFAULT false NOT NULL,
	"holder_kind" text NOT NULL,
	"holder_ref" text,
	"holder_name" text,
	"holder_since" timestamp with time zone NOT NULL,
	"recipient" jsonb,
	"photo_sha256" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_on" date NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"last_event_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"ended_on" date
);
--> statement-breakpoint
CREATE TABLE "postal_manifest_item" (
	"manifest_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"tracking_number" text NOT NULL,
	"giver_confirmed_at" timestamp with time zone,
	"receiver_confirmed_at" timestamp with time zone,
	CONSTRAINT "postal_manifest_item_manifest_id_item_id_pk" PRIMARY KEY("manifest_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "postal_manifest" (
	"id" uuid PRIMARY KEY NOT NULL,
	"serial_no" bigserial NOT NULL,
	"direction" text NOT NULL,
	"service_point_code" text NOT NULL,
	"service_point_name" text NOT NULL,
	"courier_id" text NOT NULL,
	"courier_username" text NOT NULL,
	"courier_name" text NOT NULL,
	"clerk_id" text,
	"clerk_username" text,
	"clerk_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"giver_confirmed_at" timestamp with time zone,
	"receiver_confirmed_at" timestamp with time zone,
	"item_count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "postal_request" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"channel" text NOT NULL,
	"created_by" text,
	"service_point_code" text NOT NULL,
	"procedure_code" text NOT NULL,
	"procedure_version_id" text NOT NULL,
	"procedure_name" text NOT NULL,
	"documents" jsonb NOT NULL,
	"dossier_code" text,
	"applicant" jsonb NOT NULL,
	"cod" boolean NOT NULL,
	"fees_vnd" bigint NOT NULL,
	"fees_collection" text NOT NULL,
	"fees_block_return" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "postal_tariff" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone" text NOT NULL,
	"max_weight_grams" integer NOT NULL,
	"price_vnd" integer NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone NOT NULL,
	"note" text
);
--> statement-breakpoint
ALTER TABLE "postal_item_event" ADD CONSTRAINT "postal_item_event_item_id_postal_item_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."postal_item"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postal_item" ADD CONSTRAINT "postal_item_request_id_postal_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."postal_request"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postal_manifest_item" ADD CONSTRAINT "postal_manifest_item_manifest_id_postal_manifest_id_fk" FOREIGN KEY ("manifest_id") REFERENCES "public"."postal_manifest"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postal_manifest_item" ADD CONSTRAINT "postal_manifest_item_item_id_postal_item_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."postal_item"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "postal_cash_day_idx" ON "postal_cash_entry" USING btree ("day","courier_id");--> statement-breakpoint
CREATE UNIQUE INDEX "postal_item_event_seq_uq" ON "postal_item_event" USING btree ("item_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "postal_item_tracking_uq" ON "postal_item" USING btree ("tracking_number");--> statement-breakpoint
CREATE INDEX "postal_item_courier_idx" ON "postal_item" USING btree ("courier_id","status");--> statement-breakpoint
CREATE INDEX "postal_item_sp_status_idx" ON "postal_item" USING btree ("service_point_code","status");--> statement-breakpoint
CREATE INDEX "postal_item_dossier_idx" ON "postal_item" USING btree ("dossier_code");--> statement-breakpoint
CREATE INDEX "postal_item_request_idx" ON "postal_item" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "postal_manifest_item_item_idx" ON "postal_manifest_item" USING btree ("item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "postal_manifest_no_uq" ON "postal_manifest" USING btree ("serial_no");--> statement-breakpoint
CREATE INDEX "postal_manifest_courier_idx" ON "postal_manifest" USING btree ("courier_id","created_at");--> statement-breakpoint
CREATE INDEX "postal_manifest_sp_idx" ON "postal_manifest" USING btree ("service_point_code","created_at");--> statement-breakpoint
CREATE INDEX "postal_request_dossier_idx" ON "postal_request" USING btree ("dossier_code");--> statement-breakpoint
CREATE INDEX "postal_tariff_zone_idx" ON "postal_tariff" USING btree ("zone","valid_from");