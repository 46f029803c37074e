# syntax=docker/dockerfile:1

# IsItDownBot: publish on the SDK image; run `isitdown run` on the ASP.NET Core runtime image
# (Kestrel serves /healthz, /readyz and /metrics, so the executable needs the ASP.NET Core shared framework).
# Tags are pinned to patch versions so that a rebuild gives the same image; bump them deliberately and together:
# the runtime image's version is the one the SDK ships with (SDK 10.0.401 ships runtime 10.0.12), and the SDK
# is within global.json's band (10.0.100 and later 10.0 feature bands).

FROM mcr.microsoft.com/dotnet/sdk:10.0.401 AS build
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1

# Restore the executable's projects from the files that name packages only: a change of code alone reuses this
# layer. For the build machine's own runtime (linux-x64 or linux-arm64), so that the publish can be ReadyToRun.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/IsItDownBot/IsItDownBot.csproj src/IsItDownBot/
COPY src/IsItDownBot.Core/IsItDownBot.Core.csproj src/IsItDownBot.Core/
COPY src/IsItDownBot.Discord/IsItDownBot.Discord.csproj src/IsItDownBot.Discord/
COPY src/IsItDownBot.Replay/IsItDownBot.Replay.csproj src/IsItDownBot.Replay/
COPY src/IsItDownBot.Telegram/IsItDownBot.Telegram.csproj src/IsItDownBot.Telegram/
RUN dotnet restore src/IsItDownBot/IsItDownBot.csproj --use-current-runtime

# No tests here: CI runs them, with the PostgreSQL server the store tests need; this stage needs no service, and
# CI replays it (.ci/docker-build-stage.js) with none running. Paths are relative to WORKDIR so that it can.
COPY . .
RUN dotnet publish src/IsItDownBot/IsItDownBot.csproj -c Release --use-current-runtime --no-self-contained --no-restore -o publish


FROM mcr.microsoft.com/dotnet/aspnet:10.0.12 AS runtime
WORKDIR /app

# Configuration is appsettings.json (published beside the executable) with environment variables over it.
# The database lives on the /data volume; the health endpoints listen on every interface of the container.
ENV IsItDown__Storage__Path=/data/isitdown.db \
    IsItDown__Health__Urls=http://0.0.0.0:9464 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1

# The image's unprivileged user (APP_UID, 1654) must be able to write the database on a fresh volume.
RUN mkdir -p /data && chown "$APP_UID" /data

COPY --from=build /src/publish/ /app/

USER $APP_UID
VOLUME ["/data"]
EXPOSE 9464

# The runtime image has no curl or wget: the executable checks its own /healthz.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["dotnet", "/app/isitdown.dll", "healthcheck"]

ENTRYPOINT ["dotnet", "/app/isitdown.dll"]
CMD ["run"]
