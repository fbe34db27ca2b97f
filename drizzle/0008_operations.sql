CREATE TABLE "counter_session" (
	"id" uuid PRIMARY KEY NOT NULL,
	"clerk_id" text NOT NULL,
	"clerk_username" text NOT NULL,
	"service_point_code" text NOT NULL,
	"dossier_code" text,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_action" (
	"id" uuid PRIMARY KEY NOT NULL,
	"inspection_id" uuid NOT NULL,
	"description" text NOT NULL,
	"responsible" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text NOT NULL,
	"closed_on" date,
	"closure_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection" (
	"id" uuid PRIMARY KEY NOT NULL,
	"inspected_on" date NOT NULL,
	"inspector" text NOT NULL,
	"service_point_code" text NOT NULL,
	"findings" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_assignment" (
	"id" uuid PRIMARY KEY NOT NULL,
	"staff_id" uuid NOT NULL,
	"service_point_code" text NOT NULL,
	"counter_no" integer,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_member" (
	"id" uuid PRIMARY KEY NOT NULL,
	"full_name" text NOT NULL,
	"username" text,
	"employer" text NOT NULL,
	"agency_code" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_record" (
	"id" uuid PRIMARY KEY NOT NULL,
	"staff_id" uuid NOT NULL,
	"course" text NOT NULL,
	"organiser" text NOT NULL,
	"hours" integer NOT NULL,
	"completed_on" date NOT NULL,
	"certificate_no" text,
	"fields" text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inspection_action" ADD CONSTRAINT "inspection_action_inspection_id_inspection_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspection"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_assignment" ADD CONSTRAINT "staff_assignment_staff_id_staff_member_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_record" ADD CONSTRAINT "training_record_staff_id_staff_member_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "counter_session_clerk_idx" ON "counter_session" USING btree ("clerk_id","started_at");--> statement-breakpoint
CREATE INDEX "inspection_action_inspection_idx" ON "inspection_action" USING btree ("inspection_id");--> statement-breakpoint
CREATE INDEX "inspection_sp_idx" ON "inspection" USING btree ("service_point_code","inspected_on");--> statement-breakpoint
CREATE INDEX "staff_assignment_sp_idx" ON "staff_assignment" USING btree ("service_point_code","valid_from");--> statement-breakpoint
CREATE INDEX "staff_assignment_staff_idx" ON "staff_assignment" USING btree ("staff_id");--> statement-breakpoint
CREATE INDEX "training_record_staff_idx" ON "training_record" USING btree ("staff_id");