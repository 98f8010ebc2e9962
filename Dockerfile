# edfi-mock: an in-memory Ed-Fi ODS/API. Build: docker build -t edfi-mock .  Run: docker run -p 54746:54746 edfi-mock
FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
COPY schemas ./schemas
COPY scenarios ./scenarios
# npm install (from the pinned lockfile, as .ci/run does) runs the prepare script, which compiles src/ to dist/; dev
# dependencies are dropped afterwards.
RUN npm install --no-audit --no-fund && npm prune --omit=dev && npm cache clean --force
ENV NODE_ENV=production
EXPOSE 54746
USER node
ENTRYPOINT ["node", "bin/edfi-mock.js"]
CMD ["serve", "--host", "0.0.0.0", "--port", "54746"]
