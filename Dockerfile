# edfi-mock: an in-memory Ed-Fi ODS/API.
#   docker build -t edfi-mock .
#   docker run -p 54746:54746 edfi-mock                                  # plain Ed-Fi, random development key
#   docker run -p 54746:54746 -e EDFI_MOCK_KEY=k -e EDFI_MOCK_SECRET=s edfi-mock serve --profile wi --seed sample
#   docker run -p 54746:54746 -v edfi-data:/data -e EDFI_MOCK_DATA=/data/ods.journal edfi-mock   # persisted
# Every serve option can come from EDFI_MOCK_* variables; the entry point keeps --host 0.0.0.0 for serve.
FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
COPY schemas ./schemas
COPY scenarios ./scenarios
COPY docs ./docs
# npm ci (from the pinned lockfile, as .ci/run does) runs the prepare script, which compiles src/ to dist/; dev
# dependencies are dropped afterwards.
RUN npm ci --no-audit --no-fund && npm prune --omit=dev && npm cache clean --force \
  && mkdir -p /data && chown node:node /data
ENV NODE_ENV=production EDFI_MOCK_PORT=54746
EXPOSE 54746
VOLUME ["/data"]
USER node
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.EDFI_MOCK_PORT||54746)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["/app/bin/docker-entrypoint.sh"]
CMD ["serve"]
