-- upload into [sales].[daily ]]totals']
-- 1. create the staging table (autocommit)
CREATE TABLE [sales].[rex_staging_0123456789abcdef] ([id] bigint, [O'Brien] nvarchar(max), [score] float, [ok] bit, [day] date, [at] datetime, [raw] varbinary(max));
-- 2. bulk copy (bcp_initW) into [sales].[rex_staging_0123456789abcdef]
-- 3. create: one transaction
EXEC sp_rename @objname = N'[sales].[rex_staging_0123456789abcdef]', @newname = N'daily ]totals''', @objtype = N'OBJECT';
-- 3. replace: one transaction
DROP TABLE [sales].[daily ]]totals'];
EXEC sp_rename @objname = N'[sales].[rex_staging_0123456789abcdef]', @newname = N'daily ]totals''', @objtype = N'OBJECT';
-- 3. append: one transaction
INSERT INTO [sales].[daily ]]totals'] ([id], [O'Brien], [score], [ok], [day], [at], [raw]) SELECT [id], [O'Brien], [score], [ok], [day], [at], [raw] FROM [sales].[rex_staging_0123456789abcdef];
DROP TABLE [sales].[rex_staging_0123456789abcdef];
-- 3. create where sp_rename is missing (message 2812): one transaction
CREATE TABLE [sales].[daily ]]totals'] ([id] bigint, [O'Brien] nvarchar(max), [score] float, [ok] bit, [day] date, [at] datetime, [raw] varbinary(max));
INSERT INTO [sales].[daily ]]totals'] ([id], [O'Brien], [score], [ok], [day], [at], [raw]) SELECT [id], [O'Brien], [score], [ok], [day], [at], [raw] FROM [sales].[rex_staging_0123456789abcdef];
DROP TABLE [sales].[rex_staging_0123456789abcdef];
-- 3. replace where sp_rename is missing (message 2812): one transaction
DROP TABLE [sales].[daily ]]totals'];
CREATE TABLE [sales].[daily ]]totals'] ([id] bigint, [O'Brien] nvarchar(max), [score] float, [ok] bit, [day] date, [at] datetime, [raw] varbinary(max));
INSERT INTO [sales].[daily ]]totals'] ([id], [O'Brien], [score], [ok], [day], [at], [raw]) SELECT [id], [O'Brien], [score], [ok], [day], [at], [raw] FROM [sales].[rex_staging_0123456789abcdef];
DROP TABLE [sales].[rex_staging_0123456789abcdef];
-- 4. on any error: after the rollback, in autocommit
DROP TABLE IF EXISTS [sales].[rex_staging_0123456789abcdef];

-- upload into [t]
-- 1. create the staging table (autocommit)
CREATE TABLE [rex_staging_0123456789abcdef] ([id] bigint, [O'Brien] nvarchar(max), [score] float, [ok] bit, [day] date, [at] datetime, [raw] varbinary(max));
-- 2. bulk copy (bcp_initW) into [rex_staging_0123456789abcdef]
-- 3. create: one transaction
EXEC sp_rename @objname = N'[rex_staging_0123456789abcdef]', @newname = N't', @objtype = N'OBJECT';
-- 3. replace: one transaction
DROP TABLE [t];
EXEC sp_rename @objname = N'[rex_staging_0123456789abcdef]', @newname = N't', @objtype = N'OBJECT';
-- 3. append: one transaction
INSERT INTO [t] ([id], [O'Brien], [score], [ok], [day], [at], [raw]) SELECT [id], [O'Brien], [score], [ok], [day], [at], [raw] FROM [rex_staging_0123456789abcdef];
DROP TABLE [rex_staging_0123456789abcdef];
-- 3. create where sp_rename is missing (message 2812): one transaction
CREATE TABLE [t] ([id] bigint, [O'Brien] nvarchar(max), [score] float, [ok] bit, [day] date, [at] datetime, [raw] varbinary(max));
INSERT INTO [t] ([id], [O'Brien], [score], [ok], [day], [at], [raw]) SELECT [id], [O'Brien], [score], [ok], [day], [at], [raw] FROM [rex_staging_0123456789abcdef];
DROP TABLE [rex_staging_0123456789abcdef];
-- 3. replace where sp_rename is missing (message 2812): one transaction
DROP TABLE [t];
CREATE TABLE [t] ([id] bigint, [O'Brien] nvarchar(max), [score] float, [ok] bit, [day] date, [at] datetime, [raw] varbinary(max));
INSERT INTO [t] ([id], [O'Brien], [score], [ok], [day], [at], [raw]) SELECT [id], [O'Brien], [score], [ok], [day], [at], [raw] FROM [rex_staging_0123456789abcdef];
DROP TABLE [rex_staging_0123456789abcdef];
-- 4. on any error: after the rollback, in autocommit
DROP TABLE IF EXISTS [rex_staging_0123456789abcdef];
