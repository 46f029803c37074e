# syntax=docker/dockerfile:1

# IsItDownBot: build, test and publish on the SDK image; run `isitdown run` on the ASP.NET Core runtime image
# (Kestrel serves /healthz, /readyz and /metrics, so the executable needs the ASP.NET Core shared framework).
# Tags are pinned to patch versions so that a rebuild gives the same image; bump them deliberately.

FROM mcr.microsoft.com/dotnet/sdk:10.0.100 AS build
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1

# Restore from the files that name packages only: a change of code alone reuses this layer.
COPY IsItDownBot.sln global.json Directory.Build.props Directory.Packages.props ./
COPY src/IsItDownBot/IsItDownBot.csproj src/IsItDownBot/
COPY src/IsItDownBot.Core/IsItDownBot.Core.csproj src/IsItDownBot.Core/
COPY src/IsItDownBot.Discord/IsItDownBot.Discord.csproj src/IsItDownBot.Discord/
COPY src/IsItDownBot.Replay/IsItDownBot.Replay.csproj src/IsItDownBot.Replay/
COPY src/IsItDownBot.Telegram/IsItDownBot.Telegram.csproj src/IsItDownBot.Telegram/
COPY bench/IsItDownBot.Benchmarks/IsItDownBot.Benchmarks.csproj bench/IsItDownBot.Benchmarks/
COPY tests/Directory.Build.props tests/
COPY tests/IsItDownBot.Core.Tests/IsItDownBot.Core.Tests.csproj tests/IsItDownBot.Core.Tests/
COPY tests/IsItDownBot.Discord.Tests/IsItDownBot.Discord.Tests.csproj tests/IsItDownBot.Discord.Tests/
COPY tests/IsItDownBot.Telegram.Tests/IsItDownBot.Telegram.Tests.csproj tests/IsItDownBot.Telegram.Tests/
COPY tests/IsItDownBot.Testing/IsItDownBot.Testing.csproj tests/IsItDownBot.Testing/
COPY tests/IsItDownBot.Tests/IsItDownBot.Tests.csproj tests/IsItDownBot.Tests/
RUN dotnet restore IsItDownBot.sln

COPY . .
RUN dotnet build IsItDownBot.sln -c Release --no-restore

# No image from a tree whose tests fail. They run on the build container's loopback only.
RUN dotnet test IsItDownBot.sln -c Release --no-build

RUN dotnet publish src/IsItDownBot/IsItDownBot.csproj -c Release --no-build -o /app/publish


FROM mcr.microsoft.com/dotnet/aspnet:10.0.0 AS runtime
WORKDIR /app

# Configuration is appsettings.json (published beside the executable) with environment variables over it.
# The database lives on the /data volume; the health endpoints listen on every interface of the container.
ENV IsItDown__Storage__Path=/data/isitdown.db \
    IsItDown__Health__Urls=http://0.0.0.0:9464 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1

# The image's unprivileged user (APP_UID, 1654) must be able to write the database on a fresh volume.
RUN mkdir -p /data && chown "$APP_UID" /data

COPY --from=build /app/publish/ /app/

USER $APP_UID
VOLUME ["/data"]
EXPOSE 9464

# The runtime image has no curl or wget: the executable checks its own /healthz.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["dotnet", "/app/isitdown.dll", "healthcheck"]

ENTRYPOINT ["dotnet", "/app/isitdown.dll"]
CMD ["run"]
