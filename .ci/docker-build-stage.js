// Replays the Dockerfile's build stage on this machine, which has a docker client but no engine: the proof that
// the image builds. WORKDIR, ENV, COPY and RUN are replayed in order in a fresh temporary directory standing for
// the image's file system, with a clean clone of HEAD (filtered by .dockerignore) as the build context, no
// PostgreSQL named in the environment, and every RUN under bash. Any failing step, any instruction it cannot
// replay faithfully, and any file a later stage copies from the build stage that is missing, fails it.
//
// Usage: node .ci/docker-build-stage.js [Dockerfile] [stage name, default "build"]
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { execFileSync, spawnSync } = require("child_process");

const dockerfileArg = process.argv[2] || "Dockerfile";
const stageName = (process.argv[3] || "build").toLowerCase();

class CannotReplay extends Error {}

function main() {
  const repo = git(["rev-parse", "--show-toplevel"], path.dirname(path.resolve(dockerfileArg))).trim();
  const head = git(["rev-parse", "HEAD"], repo).trim();
  const relativeDockerfile = path.relative(repo, path.resolve(dockerfileArg));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "isitdown-build-stage-"));
  try {
    // The context is what is committed, never a developer's build output or local files.
    const context = path.join(work, "context");
    git(["clone", "--quiet", "--no-checkout", repo, context], repo);
    git(["checkout", "--quiet", head], context);
    const stages = parse(fs.readFileSync(path.join(context, relativeDockerfile), "utf8"));
    const stage = stages.find((s) => s.name === stageName);
    if (!stage) {
      throw new CannotReplay(`no stage named "${stageName}" (FROM <image> AS ${stageName})`);
    }

    const root = path.join(work, "root");
    fs.mkdirSync(root);
    const ignore = dockerignore(context);
    const state = { root, context, ignore, workdir: "/", env: buildEnvironment() };
    console.log(`docker build stage: replaying "${stage.name}" (${stage.image}) of ${relativeDockerfile} at ${head.slice(0, 12)}`);
    stage.instructions.forEach((instruction, i) => {
      console.log(`docker build stage: step ${i + 1}/${stage.instructions.length}: ${instruction.keyword} ${instruction.args}`);
      replay(instruction, state);
    });

    // What the later stages take from this one must be there, or the image fails at its last step.
    for (const later of stages.filter((s) => s !== stage)) {
      for (const copy of later.instructions.filter((i) => i.keyword === "COPY" && flagValue(i.args, "from") === stage.name)) {
        const words = withoutFlags(copy.args);
        for (const source of words.slice(0, -1)) {
          const local = imagePath(state, source);
          if (!fs.existsSync(local)) {
            throw new Error(`stage "${later.name ?? later.image}" copies ${source} from "${stage.name}", which this stage did not produce`);
          }
        }
      }
    }

    console.log(`docker build stage: ${stage.instructions.length} step(s) replayed, the build stage succeeds without any service`);
    return 0;
  } catch (error) {
    const reason = error instanceof CannotReplay ? `cannot replay: ${error.message}` : error.message;
    console.log(`docker build stage: FAILED: ${reason}`);
    return 1;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

// The environment of a docker build starts empty of the host's secrets and services: no test database is named,
// so a step that needs PostgreSQL fails here as it would in the image.
function buildEnvironment() {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name === "ISITDOWN_TEST_POSTGRES" || name.startsWith("PG") || name.startsWith("IsItDown__")) {
      delete env[name];
    }
  }
  return env;
}

function replay(instruction, state) {
  switch (instruction.keyword) {
    case "WORKDIR":
      state.workdir = path.posix.resolve(state.workdir, substitute(instruction.args, state.env));
      fs.mkdirSync(imagePath(state, state.workdir), { recursive: true });
      return;
    case "ENV":
      Object.assign(state.env, parseEnv(instruction.args));
      return;
    case "COPY":
      copy(instruction.args, state);
      return;
    case "RUN":
      run(instruction.args, state);
      return;
    default:
      throw new CannotReplay(`${instruction.keyword} (only WORKDIR, ENV, COPY and RUN are replayed)`);
  }
}

function run(args, state) {
  if (args.startsWith("[") || args.startsWith("--") || args.startsWith("<<")) {
    throw new CannotReplay(`RUN ${args} (only the shell form without flags or heredocs is replayed)`);
  }
  // An absolute path would reach this machine's file system instead of the image's: the stage must use paths
  // relative to WORKDIR, which both can run.
  const absolute = args.split(/\s+/).find((word) => /^["']?\//.test(word) && !/^["']?\/dev\/null/.test(word));
  if (absolute) {
    throw new CannotReplay(`RUN ${args} uses the absolute path ${absolute}; use a path relative to WORKDIR`);
  }
  const cwd = imagePath(state, state.workdir);
  fs.mkdirSync(cwd, { recursive: true });
  const started = Date.now();
  const result = spawnSync("bash", ["-c", args], { cwd, env: state.env, stdio: "inherit" });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.error) {
    throw result.error;
  }
  if (result.status !== 0) {
    throw new Error(`RUN ${args} exited with ${result.status ?? result.signal} after ${seconds} s`);
  }
  console.log(`docker build stage: done in ${seconds} s`);
}

function copy(args, state) {
  if (args.startsWith("--") || args.startsWith("[")) {
    throw new CannotReplay(`COPY ${args} (only COPY <source>... <destination> from the context is replayed)`);
  }
  const words = args.split(/\s+/).map((word) => substitute(word, state.env));
  if (words.length < 2) {
    throw new CannotReplay(`COPY ${args} names no destination`);
  }
  const sources = words.slice(0, -1);
  const destination = words[words.length - 1];
  const intoDirectory = destination.endsWith("/") || sources.length > 1 || destination === "." || destination === "./";
  const target = imagePath(state, path.posix.resolve(state.workdir, destination));
  for (const source of sources) {
    if (/[*?[]/.test(source)) {
      throw new CannotReplay(`COPY ${args} (wildcards are not replayed; name each file)`);
    }
    const relative = path.posix.normalize(source).replace(/^(\.\/)+|^\/+/, "").replace(/\/+$/, "");
    const local = path.join(state.context, relative);
    if (relative.startsWith("..") || !fs.existsSync(local) || (relative !== "." && relative !== "" && state.ignore(relative))) {
      throw new Error(`COPY ${source}: not found in the build context (a clean clone, less .dockerignore)`);
    }
    if (fs.lstatSync(local).isDirectory()) {
      copyTree(local, relative === "." ? "" : relative, target, state);
    } else {
      const to = intoDirectory ? path.join(target, path.basename(local)) : target;
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.copyFileSync(local, to);
    }
  }
}

// A directory's contents, less what .dockerignore excludes, as `COPY dir/ dest/` copies them.
function copyTree(from, relative, to, state) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const entryRelative = relative ? `${relative}/${entry.name}` : entry.name;
    if (state.ignore(entryRelative)) {
      continue;
    }
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      copyTree(source, entryRelative, target, state);
    } else if (entry.isSymbolicLink()) {
      fs.symlinkSync(fs.readlinkSync(source), target);
    } else {
      fs.copyFileSync(source, target);
    }
  }
}

// Docker's .dockerignore: patterns in order, the last that matches a path or one of its parent folders decides,
// `!` re-includes, `**` spans folders.
function dockerignore(context) {
  const file = path.join(context, ".dockerignore");
  if (!fs.existsSync(file)) {
    return () => false;
  }
  const rules = fs.readFileSync(file, "utf8").split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const exception = line.startsWith("!");
      const pattern = path.posix.normalize((exception ? line.slice(1) : line).trim()).replace(/^\/+/, "").replace(/\/+$/, "");
      return { exception, regex: globToRegex(pattern) };
    });
  return (relative) => {
    const candidates = relative.split("/").map((_, i, parts) => parts.slice(0, i + 1).join("/"));
    let excluded = false;
    for (const rule of rules) {
      if (candidates.some((candidate) => rule.regex.test(candidate))) {
        excluded = !rule.exception;
      }
    }
    return excluded;
  };
}

function globToRegex(pattern) {
  let regex = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*" && pattern[i + 1] === "*") {
      const slashAfter = pattern[i + 2] === "/";
      regex += slashAfter ? "(.*/)?" : ".*";
      i += slashAfter ? 2 : 1;
    } else if (c === "*") {
      regex += "[^/]*";
    } else if (c === "?") {
      regex += "[^/]";
    } else {
      regex += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    }
  }
  return new RegExp(`^${regex}$`);
}

// Stages of logical instructions: comments and parser directives dropped, backslash continuations joined.
function parse(text) {
  const stages = [];
  let current = "";
  const logical = [];
  for (const raw of text.split(/\r?\n/)) {
    if (!current && (raw.trim() === "" || raw.trim().startsWith("#"))) {
      continue;
    }
    if (raw.endsWith("\\")) {
      current += raw.slice(0, -1) + " ";
      continue;
    }
    logical.push((current + raw).trim());
    current = "";
  }
  for (const line of logical) {
    const match = /^(\S+)\s*(.*)$/.exec(line);
    const keyword = match[1].toUpperCase();
    const args = match[2].replace(/\s+/g, " ").trim();
    if (keyword === "FROM") {
      const parts = withoutFlags(args);
      stages.push({ image: parts[0], name: parts.length === 3 && parts[1].toUpperCase() === "AS" ? parts[2].toLowerCase() : null, instructions: [] });
    } else if (stages.length === 0) {
      throw new CannotReplay(`${keyword} before the first FROM`);
    } else {
      stages[stages.length - 1].instructions.push({ keyword, args });
    }
  }
  return stages;
}

function parseEnv(args) {
  const env = {};
  if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(args)) {
    throw new CannotReplay(`ENV ${args} (only the KEY=value form is replayed)`);
  }
  for (const pair of args.match(/[A-Za-z_][A-Za-z0-9_]*=("[^"]*"|\S*)/g)) {
    const equals = pair.indexOf("=");
    env[pair.slice(0, equals)] = pair.slice(equals + 1).replace(/^"(.*)"$/, "$1");
  }
  return env;
}

// $NAME and ${NAME} from the stage's ENV, as Docker expands them in WORKDIR, ENV and COPY.
function substitute(text, env) {
  return text.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, name) => env[name] ?? "");
}

function withoutFlags(args) {
  return args.split(/\s+/).filter((word) => !word.startsWith("--"));
}

function flagValue(args, name) {
  const flag = args.split(/\s+/).find((word) => word.startsWith(`--${name}=`));
  return flag ? flag.slice(name.length + 3).toLowerCase() : null;
}

function imagePath(state, imageAbsolute) {
  return path.join(state.root, path.posix.resolve(state.workdir, imageAbsolute));
}

function git(args, cwd) {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

process.exit(main());
