import { boolean, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';

const audit = {
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastModifiedBy: text('last_modified_by').notNull(),
  lastModifiedAt: timestamp('last_modified_at', { withTimezone: true }).notNull().defaultNow(),
};

export { audit as auditColumns };

// bk-repo addresses projects by name (its "projectId"), so the name is the key others refer to.
export const projects = pgTable('projects', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  displayName: text('display_name').notNull(),
  description: text('description').notNull().default(''),
  ...audit,
});

export const repositories = pgTable(
  'repositories',
  {
    id: text('id').primaryKey(),
    projectName: text('project_name')
      .notNull()
      .references(() => projects.name, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    type: text('type', { enum: ['GENERIC', 'DOCKER'] }).notNull(),
    category: text('category', { enum: ['LOCAL'] })
      .notNull()
      .default('LOCAL'),
    public: boolean('public').notNull().default(false),
    description: text('description').notNull().default(''),
    ...audit,
  },
  (t) => [unique('repositories_project_name').on(t.projectName, t.name)],
);
