-- One database per subgraph (DESIGN.md), created when the PostgreSQL volume is first initialised.
-- Each subgraph's migrate step also creates its own database if it is missing; listing them here
-- keeps the deployment explicit, and scripts/deployment.test.ts checks every subgraph in
-- supergraph.yaml has its line.
CREATE DATABASE lobby_identity;
CREATE DATABASE lobby_buildings;
CREATE DATABASE lobby_marketplace;
CREATE DATABASE lobby_chat;
CREATE DATABASE lobby_notifications;
CREATE DATABASE lobby_media;
