CREATE TABLE "report_checkpoint_month" (
	"month" date PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_checkpoint" (
	"month" date NOT NULL,
	"level" text NOT NULL,
	"measure" text NOT NULL,
	"sp" text NOT NULL,
	"unit" text NOT NULL,
	"scopes" text NOT NULL,
	"field" text NOT NULL,
	"agency" text NOT NULL,
	"channel" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "report_checkpoint_month_level_measure_sp_unit_scopes_field_agency_channel_pk" PRIMARY KEY("month","level","measure","sp","unit","scopes","field","agency","channel")
);
--> statement-breakpoint
CREATE TABLE "report_fact" (
	"level" text NOT NULL,
	"day" date NOT NULL,
	"measure" text NOT NULL,
	"sp" text NOT NULL,
	"unit" text NOT NULL,
	"scopes" text NOT NULL,
	"field" text NOT NULL,
	"agency" text NOT NULL,
	"channel" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "report_fact_level_day_measure_sp_unit_scopes_field_agency_channel_pk" PRIMARY KEY("level","day","measure","sp","unit","scopes","field","agency","channel")
);
--> statement-breakpoint
CREATE TABLE "report_setting" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL
);
